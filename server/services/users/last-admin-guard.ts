import type { Tx } from "../../db/client";
import { AppError } from "../../errors";

// Serialises role changes and deletions so two admins cannot demote each other at the same time.
const ADMIN_GUARD_LOCK = 4_815_162;

/** Refuses a change that would leave no admin able to manage the console. */
export async function assertAnotherAdminRemains(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_GUARD_LOCK})`;
  const others = await tx.user.count({ where: { role: "admin", id: { not: userId } } });
  if (others === 0) throw new AppError("CONFLICT", "This is the last admin: promote another user first");
}
