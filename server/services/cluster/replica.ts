// This process as one replica among several on a shared database: its identity, and a heartbeat
// in the Replica table every few seconds. A replica whose heartbeat is older than REPLICA_STALE_MS
// is dead to the others: its admission slots count as free, and the answers it was writing are
// marked failed by a survivor (reap-orphaned-exchanges.ts). A replica that shuts down cleanly
// removes its own row. With the embedded database there is one replica, and the same bookkeeping
// marks what a crashed earlier run left in progress.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getPool } from "../../db/client";
import { logger } from "../../logger";

export const HEARTBEAT_MS = 2_000;
/** Several missed heartbeats: a replica busy for a moment is not declared dead. */
export const REPLICA_STALE_MS = 10_000;
/** Rows of replicas dead this long are deleted. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

const state = globalThis as unknown as { hearthReplicaId?: string; hearthReplicaHeartbeat?: NodeJS.Timeout };

/** `<host>-<pid>-<random>`: unique per process start, readable in logs. */
export function replicaId(): string {
  state.hearthReplicaId ??= `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  return state.hearthReplicaId;
}

/** SQL for "the replicas alive now" (ids), to embed in other statements. */
export const LIVE_REPLICAS_SQL = `SELECT id FROM "Replica" WHERE "heartbeatAt" > (now() AT TIME ZONE 'UTC') - interval '${REPLICA_STALE_MS / 1000} seconds'`;

/** Records that this replica is alive (creates its row on the first beat). */
export async function heartbeat(draining = false): Promise<void> {
  await getPool().query(
    `INSERT INTO "Replica" (id, hostname, pid, "startedAt", "heartbeatAt", "drainingAt")
     VALUES ($1, $2, $3, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', CASE WHEN $4 THEN now() AT TIME ZONE 'UTC' END)
     ON CONFLICT (id) DO UPDATE SET "heartbeatAt" = EXCLUDED."heartbeatAt",
       "drainingAt" = COALESCE("Replica"."drainingAt", EXCLUDED."drainingAt")`,
    [replicaId(), hostname(), process.pid, draining],
  );
}

export async function forgetDeadReplicas(): Promise<number> {
  const result = await getPool().query(
    `DELETE FROM "Replica" WHERE "heartbeatAt" < (now() AT TIME ZONE 'UTC') - interval '${FORGET_AFTER_MS / 1000} seconds'`,
  );
  return result.rowCount ?? 0;
}

/** Beats now and every HEARTBEAT_MS after, once per process; `onBeat` runs after each beat. */
export function startReplicaHeartbeat(onBeat: () => Promise<void>): void {
  if (state.hearthReplicaHeartbeat) return;
  const tick = () =>
    heartbeat()
      .then(onBeat)
      .catch((error: unknown) => logger.error({ err: error }, "replica heartbeat failed"));
  void tick();
  state.hearthReplicaHeartbeat = setInterval(() => void tick(), HEARTBEAT_MS);
  state.hearthReplicaHeartbeat.unref();
}

/** The last act of a clean shutdown: no more beats, and the row goes (its slots with it). */
export async function retireReplica(): Promise<void> {
  clearInterval(state.hearthReplicaHeartbeat);
  state.hearthReplicaHeartbeat = undefined;
  await getPool().query(`DELETE FROM "Replica" WHERE id = $1`, [replicaId()]);
}
