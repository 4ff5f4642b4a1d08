import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { ConsoleUserDto, UpdateUserRoleInput } from "../../schemas/user";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { assertAnotherAdminRemains } from "./last-admin-guard";
import { toConsoleUserDto } from "./user-dto";

export async function updateUserRole(actor: Actor, input: UpdateUserRoleInput): Promise<ConsoleUserDto> {
  authorize(actor, "users:manage");
  const row = await getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id } });
    if (!user) throw notFound("User", input.id);
    if (user.role === "admin" && input.role !== "admin") await assertAnotherAdminRemains(tx, user.id);
    return tx.user.update({ where: { id: input.id }, data: { role: input.role } });
  });
  return toConsoleUserDto(row);
}
