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

export async function reapOrphanedExchanges(): Promise<number> {
  const result = await getPool().query(
    `UPDATE "Message" SET status = 'failed', "errorCode" = 'REPLICA_LOST', "errorMessage" = $1,
       "errorDetail" = 'replica ' || COALESCE("replicaId", 'unknown') || ' stopped sending heartbeats',
       "updatedAt" = now() AT TIME ZONE 'UTC'
     WHERE status = 'in_progress' AND (
       ("replicaId" IS NOT NULL AND "replicaId" NOT IN (${LIVE_REPLICAS_SQL}))
       OR ("replicaId" IS NULL AND "updatedAt" < (now() AT TIME ZONE 'UTC') - interval '1 hour'))`,
    [REPLICA_LOST_MESSAGE],
  );
  const count = result.rowCount ?? 0;
  if (count > 0) logger.warn({ count }, "marked answers of a stopped replica failed");
  return count;
}
