import { env } from "../../env";
import { logger } from "../../logger";
import { bootstrapAdminFromEnv } from "./setup-first-admin";

/** Start-up task: the first admin from the environment, when configured and no user exists. */
export async function bootstrapFirstAdmin(): Promise<void> {
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD || !env.DATABASE_URL) return;
  try {
    if (await bootstrapAdminFromEnv(env.ADMIN_EMAIL, env.ADMIN_PASSWORD)) {
      logger.info({ email: env.ADMIN_EMAIL }, "created the first admin from ADMIN_EMAIL");
    }
  } catch (error) {
    logger.error({ err: error }, "could not create the first admin from ADMIN_EMAIL");
  }
}
