import { getDb } from "../../db/client";
import type { ConsoleUserDto } from "../../schemas/user";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toConsoleUserDto } from "./user-dto";

export async function listUsers(actor: Actor): Promise<ConsoleUserDto[]> {
  authorize(actor, "users:manage");
  const rows = await getDb().user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toConsoleUserDto);
}
