import { env } from "../../env";
import { logger } from "../../logger";
import { startAuditRetention } from "./audit-retention";
import { startUsagePruning } from "../usage/prune-usage-rollups";
import { startAlertEvaluation } from "../alerts/evaluate-alerts";
import { startCacheSync } from "../cache/cache-sync";
import { seedBackendsFromEnv } from "../backends/seed-backends-from-env";
import { startHealthMonitor } from "../gateway/gateway-instance";
import { startBlobSweeper } from "../knowledge/files/sweep-blobs";
import { startIngestionWorker } from "../knowledge/ingestion/ingestion-worker";
import { startSessionRetention } from "../sessions/apply-session-retention";
import { reclaimDeadReplicaSlots } from "../gateway/cluster/slot-ledger";
import { reindexStoresOfOtherEmbedders } from "../knowledge/vector-stores/reindex-vector-store";
import { reapInterruptedRunsAtStartup } from "../loadtest/reap-stale-runs";
import { bootstrapFirstAdmin } from "../users/bootstrap-first-admin";
import { installShutdownHandlers } from "./graceful-shutdown";
import { reapEarlierRuns, reapOrphanedExchanges } from "./reap-orphaned-exchanges";
import { forgetDeadReplicas, replicaId, startReplicaHeartbeat } from "../cluster/replica";

/** Every fifth heartbeat (about 15 s) looks for what dead replicas left behind. */
const REAP_EVERY_BEATS = 5;

function startReplicaBookkeeping(): void {
  // The embedded database belongs to this process alone: there is nobody to send heartbeats to
  // (they cost the idle process a write every 2 s), and what an earlier run left is orphaned now.
  if (env.HEARTH_DB_EMBEDDED) {
    void reapEarlierRuns(replicaId()).catch((error: unknown) =>
      logger.error({ err: error }, "could not mark the answers an earlier run left in progress"),
    );
    return;
  }
  let beats = 0;
  startReplicaHeartbeat(async () => {
    if (beats++ % REAP_EVERY_BEATS !== 0) return;
    await reapOrphanedExchanges();
    if (env.admissionScope === "cluster") await reclaimDeadReplicaSlots();
    await forgetDeadReplicas();
  });
}

async function reindexStaleStores(): Promise<void> {
  const count = await reindexStoresOfOtherEmbedders();
  if (count > 0) logger.info({ stores: count }, "the embedder changed: re-indexing vector stores");
}

/** Start-up tasks of every replica; each is idempotent and safe to run concurrently. */
export async function runStartupTasks(): Promise<void> {
  if (!env.DATABASE_URL) return;
  for (const [name, task] of [
    ["backends", seedBackendsFromEnv],
    ["first admin", bootstrapFirstAdmin],
    ["embedder change", reindexStaleStores],
    // Load tests whose process stopped are marked interrupted, never left "running".
    ["interrupted load tests", reapInterruptedRunsAtStartup],
  ] as const) {
    await task().catch((error: unknown) => logger.error({ err: error }, `start-up task '${name}' failed`));
  }
  // With a PostgreSQL server there may be other replicas: changes reach their caches at once.
  if (!env.HEARTH_DB_EMBEDDED) {
    await startCacheSync().catch((error: unknown) =>
      logger.error({ err: error }, "could not listen for other replicas' changes; caches expire in 5 s"),
    );
  }
  // SIGTERM drains this replica (readiness 503, running answers finish) before it exits.
  installShutdownHandlers();
  // This replica's heartbeat; answers left in progress by a dead one are marked failed.
  startReplicaBookkeeping();
  // Ingestion jobs left by a stopped process resume here once their lease has run out.
  await startIngestionWorker({ shared: !env.HEARTH_DB_EMBEDDED });
  // Each replica probes every backend itself; the first round runs now.
  startHealthMonitor();
  // Each replica prunes audit events past their retention, now and hourly (idempotent).
  startAuditRetention();
  // Each replica prunes usage rollups past their use (minutes after 2 days, hours after 90), hourly.
  startUsagePruning();
  // Each replica removes the stored bytes that a crash left without a file, now and hourly.
  startBlobSweeper();
  // Sessions past their assistant's retention are deleted, now and daily, one replica at a time.
  startSessionRetention();
  // Every replica evaluates the alert rules; the database lets one of them notify (alerts/).
  startAlertEvaluation();
}
