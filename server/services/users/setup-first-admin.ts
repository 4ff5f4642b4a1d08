import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import type { ConsoleUserDto, SetupAdminInput } from "../../schemas/user";
import { insertUser } from "./insert-user";
import { toConsoleUserDto } from "./user-dto";
import { recordAudit } from "../audit/record-audit";
import { system, type Actor } from "../access/actor";

const SETUP_LOCK = 4_815_163;

export async function needsSetup(): Promise<boolean> {
  return (await getDb().user.count()) === 0;
}

/**
 * Creates the first admin, once: only while no user exists at all (checked under a lock, so two
 * racing setup requests cannot both succeed). Afterwards admins create users from the console.
 */
export async function setupFirstAdmin(
  input: SetupAdminInput,
  actor: Actor = system,
): Promise<ConsoleUserDto> {
  const row = await getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("FORBIDDEN", "Hearth is already set up: sign in, or ask an admin for an account");
    }
    const created = await insertUser(tx, { ...input, role: "admin" });
    await recordAudit(
      {
        actor,
        actorLabel: actor.kind === "anonymous" ? "setup page" : "start-up (ADMIN_EMAIL)",
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

/** Start-up bootstrap from ADMIN_EMAIL / ADMIN_PASSWORD: creates that admin if no user exists. */
export async function bootstrapAdminFromEnv(email: string, password: string): Promise<boolean> {
  try {
    await setupFirstAdmin({ name: "Admin", email, password });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") return false;
    throw error;
  }
}
