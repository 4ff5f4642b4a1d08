import { getDb } from "../../db/client";
import type { ConsoleUserDto, CreateUserInput } from "../../schemas/user";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { insertUser } from "./insert-user";
import { toConsoleUserDto } from "./user-dto";
import { recordAudit } from "../audit/record-audit";

export async function createUser(actor: Actor, input: CreateUserInput): Promise<ConsoleUserDto> {
  authorize(actor, "users:manage");
  const row = await getDb().$transaction(async (tx) => {
    const created = await insertUser(tx, input);
    await recordAudit(
      {
        actor,
        action: "user.create",
        target: { type: "user", id: created.id },
        changes: { after: toConsoleUserDto(created) },
      },
      tx,
    );
    return created;
  });
  return toConsoleUserDto(row);
}
