import { getDb } from "../../db/client";
import type { ConsoleUserDto, CreateUserInput } from "../../schemas/user";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { insertUser } from "./insert-user";
import { toConsoleUserDto } from "./user-dto";

export async function createUser(actor: Actor, input: CreateUserInput): Promise<ConsoleUserDto> {
  authorize(actor, "users:manage");
  const row = await getDb().$transaction((tx) => insertUser(tx, input));
  return toConsoleUserDto(row);
}
