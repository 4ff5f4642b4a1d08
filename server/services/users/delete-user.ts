import { getDb } from "../../db/client";
import { AppError, notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { assertAnotherAdminRemains } from "./last-admin-guard";
import { recordAudit } from "../audit/record-audit";

/** Deletes a console user with their sessions; their API keys stay (created-by is cleared). */
export async function deleteUser(actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
  authorize(actor, "users:manage");
  if (actor.kind === "user" && actor.userId === id) {
    throw new AppError("CONFLICT", "You cannot delete your own account");
  }
  await getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound("User", id);
    if (user.role === "admin") await assertAnotherAdminRemains(tx, id);
    await tx.user.delete({ where: { id } });
    await recordAudit(
      {
        actor,
        action: "user.delete",
        target: { type: "user", id },
        changes: { before: { email: user.email, name: user.name, role: user.role } },
      },
      tx,
    );
  });
  return { id, deleted: true };
}
