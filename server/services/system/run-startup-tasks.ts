import { env } from "../../env";
import { logger } from "../../logger";
import { seedBackendsFromEnv } from "../backends/seed-backends-from-env";
import { bootstrapFirstAdmin } from "../users/bootstrap-first-admin";

/** Start-up tasks of every replica; each is idempotent and safe to run concurrently. */
export async function runStartupTasks(): Promise<void> {
  if (!env.DATABASE_URL) return;
  for (const [name, task] of [
    ["backends", seedBackendsFromEnv],
    ["first admin", bootstrapFirstAdmin],
  ] as const) {
    await task().catch((error: unknown) => logger.error({ err: error }, `start-up task '${name}' failed`));
  }
}
