// Answers left "in progress" by a replica that died (killed, out of memory, its machine gone):
// their clients saw the stream end without a completion, and their rows must not stay in progress.
// Every replica runs this after its heartbeats (it is idempotent); an answer whose replica's
// heartbeat is stale is marked failed, so no row stays in progress much past REPLICA_STALE_MS.
// Rows written before replicas were recorded (no replica id) are failed once an hour old.
import { getPool } from "../../db/client";
import { logger } from "../../logger";
import { LIVE_REPLICAS_SQL } from "../cluster/replica";

export const REPLICA_LOST_MESSAGE =
  "The server answering this question stopped before the answer was finished; ask again";

/** Marks the in-progress answers that `orphaned` (SQL on "Message", $2 onwards) selects failed. */
async function failOrphans(orphaned: string, why: string, values: unknown[] = []): Promise<number> {
  const result = await getPool().query(
    `UPDATE "Message" SET status = 'failed', "errorCode" = 'REPLICA_LOST', "errorMessage" = $1,
       "errorDetail" = 'replica ' || COALESCE("replicaId", 'unknown') || ' ${why}',
       "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE status = 'in_progress' AND (${orphaned})`,
    [REPLICA_LOST_MESSAGE, ...values],
  );
  const count = result.rowCount ?? 0;
  if (count > 0) logger.warn({ count }, "marked answers of a stopped replica failed");
  return count;
}

export function reapOrphanedExchanges(): Promise<number> {
  return failOrphans(
    `("replicaId" IS NOT NULL AND "replicaId" NOT IN (${LIVE_REPLICAS_SQL}))
     OR ("replicaId" IS NULL AND "updatedAt" < (now() AT TIME ZONE 'UTC') - interval '1 hour')`,
    "stopped sending heartbeats",
  );
}

/**
 * With the embedded database, which only this process can open, every answer still in progress
 * that this process is not writing was left by an earlier run: failed at once, with no heartbeat.
 */
export function reapEarlierRuns(self: string): Promise<number> {
  return failOrphans(`"replicaId" IS DISTINCT FROM $2`, "stopped (an earlier run)", [self]);
}
