// Usage rollups past their use: minute rows after 2 days, hour rows after 90 days (day rows stay:
// a year of them per group is what long reports read). Every replica prunes hourly; deleting is
// idempotent, so replicas pruning at the same moment only repeat each other's work.
import { getDb } from "../../db/client";
import { logger } from "../../logger";
import { keptFor } from "./usage-window";

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

const state = globalThis as unknown as { hearthUsagePruning?: NodeJS.Timeout };

/** Deletes the minute and hour rows older than they are kept; returns how many went. */
export async function pruneUsageRollups(now = new Date()): Promise<number> {
  const db = getDb();
  let deleted = 0;
  for (const period of ["minute", "hour"] as const) {
    const cutoff = new Date(now.getTime() - keptFor[period]);
    const { count } = await db.usageRollup.deleteMany({ where: { period, bucket: { lt: cutoff } } });
    deleted += count;
  }
  if (deleted > 0) logger.info({ deleted }, "pruned old usage rollups");
  return deleted;
}

/** Prunes now and every hour after, once per process. */
export function startUsagePruning(): void {
  if (state.hearthUsagePruning) return;
  const tick = () =>
    pruneUsageRollups().catch((error: unknown) =>
      logger.error({ err: error }, "pruning usage rollups failed"),
    );
  void tick();
  state.hearthUsagePruning = setInterval(() => void tick(), PRUNE_INTERVAL_MS);
  state.hearthUsagePruning.unref();
}
