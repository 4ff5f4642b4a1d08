import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { ConsoleUserDto, UpdateUserRoleInput } from "../../schemas/user";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { assertAnotherAdminRemains } from "./last-admin-guard";
import { toConsoleUserDto } from "./user-dto";
import { recordAudit } from "../audit/record-audit";

export async function updateUserRole(actor: Actor, input: UpdateUserRoleInput): Promise<ConsoleUserDto> {
  authorize(actor, "users:manage");
  const row = await getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id } });
    if (!user) throw notFound("User", input.id);
    if (user.role === "admin" && input.role !== "admin") await assertAnotherAdminRemains(tx, user.id);
    const updated = await tx.user.update({ where: { id: input.id }, data: { role: input.role } });
    await recordAudit(
      {
        actor,
        action: "user.role_change",
        target: { type: "user", id: input.id },
        changes: {
          before: { email: user.email, role: user.role },
          after: { email: user.email, role: input.role },
        },
      },
      tx,
    );
    return updated;
  });
  return toConsoleUserDto(row);
}
