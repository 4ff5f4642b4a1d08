// Cluster admission's shared state, in PostgreSQL: every backend's `maxConcurrency` slots as rows
// (BackendSlot), held by a lease of some replica, and the requests waiting for them on any replica
// (AdmissionWaiter). Taking a slot is one statement: the first free slot of the backends in the
// caller's order of preference, row-locked with SKIP LOCKED so concurrent takers never collide,
// and only if no older request of the same model waits anywhere (FIFO across replicas, so no
// replica starves; a replica keeps its own requests in order itself). A slot or a waiter of a replica whose heartbeat stopped counts as free or
// gone, so a dead replica's slots return within REPLICA_STALE_MS. Freeing a slot notifies every
// replica (LISTEN/NOTIFY), whose queues then try again.
import { getPool } from "../../../db/client";
import { questionPathStatement } from "../../../db/named-statement";
import { listen } from "../../../db/notifications";
import { LIVE_REPLICAS_SQL, replicaId, startReplicaHeartbeat, heartbeat } from "../../cluster/replica";

export const ADMISSION_CHANNEL = "hearth_admission";

export interface SlotRequest {
  leaseId: string;
  /** Candidate backends, most preferred first. */
  backendIds: readonly string[];
  model: string;
  /** The waiter asking (its place in the model's queue); null for a request not queued. */
  waiter: { id: string; position: string } | null;
}

export interface SlotLedger {
  /** Makes sure every backend has its slot rows (run when the set of backends changes). */
  syncSlots(backends: readonly { id: string; maxConcurrency: number }[]): Promise<void>;
  /** Takes a slot for `leaseId`; the backend's id, or null when none is free (or older waiters). */
  acquire(request: SlotRequest): Promise<string | null>;
  release(leaseId: string): Promise<void>;
  /** Records a waiter; resolves with its place (a time on the database's clock, shared by all). */
  enqueue(waiterId: string, model: string): Promise<string>;
  dequeue(waiterId: string): Promise<void>;
  /** Runs `wake` whenever a slot is freed anywhere (and after a lost notification connection). */
  subscribe(wake: () => void): Promise<void>;
}

/**
 * Tidies what dead replicas left in the shared tables: their slots (already counted as free) are
 * cleared and their waiters deleted. Idempotent; every replica runs it with its bookkeeping.
 */
export async function reclaimDeadReplicaSlots(): Promise<void> {
  await getPool().query(
    `UPDATE "BackendSlot" SET "leaseId" = NULL, "replicaId" = NULL, "heldSince" = NULL
     WHERE "leaseId" IS NOT NULL AND "replicaId" NOT IN (${LIVE_REPLICAS_SQL})`,
  );
  await getPool().query(`DELETE FROM "AdmissionWaiter" WHERE "replicaId" NOT IN (${LIVE_REPLICAS_SQL})`);
}

/** A replica leaving (its row deleted, so its slots count as free) wakes the others' queues. */
export async function announceDeparture(): Promise<void> {
  await getPool().query(`SELECT pg_notify('${ADMISSION_CHANNEL}', '')`);
}

const ACQUIRE_SQL = `
  WITH live AS (${LIVE_REPLICAS_SQL}),
  candidate AS (
    SELECT s."backendId", s.slot
    FROM "BackendSlot" s
    JOIN unnest($2::text[]) WITH ORDINALITY AS c(id, rank) ON c.id = s."backendId"
    JOIN "Backend" b ON b.id = s."backendId"
    WHERE s.slot < b."maxConcurrency"
      AND (s."leaseId" IS NULL OR s."replicaId" NOT IN (SELECT id FROM live))
      AND NOT EXISTS (
        SELECT 1 FROM "AdmissionWaiter" w
        WHERE w.model = $3 AND w."replicaId" IN (SELECT id FROM live)
          AND (w."enqueuedAt", w.id COLLATE "C") < (COALESCE($4::timestamp, 'infinity'::timestamp), COALESCE($5::text, '') COLLATE "C")
          -- A request not queued arrived before this replica's own waiters (it found no local queue).
          AND ($5::text IS NOT NULL OR w."replicaId" <> $6)
      )
    ORDER BY c.rank, s.slot
    LIMIT 1
    FOR UPDATE OF s SKIP LOCKED
  )
  UPDATE "BackendSlot" s
  SET "leaseId" = $1, "replicaId" = $6, "heldSince" = now() AT TIME ZONE 'UTC'
  FROM candidate
  WHERE s."backendId" = candidate."backendId" AND s.slot = candidate.slot
  RETURNING s."backendId"`;

const RELEASE_SQL = `
  WITH freed AS (
    UPDATE "BackendSlot" SET "leaseId" = NULL, "replicaId" = NULL, "heldSince" = NULL
    WHERE "leaseId" = $1
    RETURNING "backendId"
  )
  SELECT pg_notify('${ADMISSION_CHANNEL}', "backendId") FROM freed`;

export function createPostgresSlotLedger(): SlotLedger {
  // This replica must be alive in the Replica table before it holds a slot, or its slots would
  // look free to the others.
  let alive: Promise<void> | null = null;
  const ensureAlive = () => {
    alive ??= heartbeat().then(() => startReplicaHeartbeat(async () => undefined));
    return alive.catch((error: unknown) => {
      alive = null;
      throw error;
    });
  };

  return {
    async syncSlots(backends) {
      if (backends.length === 0) return;
      await getPool().query(
        `INSERT INTO "BackendSlot" ("backendId", slot)
         SELECT b.id, g FROM unnest($1::text[], $2::int[]) AS b(id, max), generate_series(0, b.max - 1) AS g
         ON CONFLICT DO NOTHING`,
        [backends.map((backend) => backend.id), backends.map((backend) => backend.maxConcurrency)],
      );
    },

    async acquire({ leaseId, backendIds, model, waiter }) {
      if (backendIds.length === 0) return null;
      await ensureAlive();
      const result = await getPool().query<{ backendId: string }>(questionPathStatement(ACQUIRE_SQL), [
        leaseId,
        backendIds,
        model,
        waiter?.position ?? null,
        waiter?.id ?? null,
        replicaId(),
      ]);
      return result.rows[0]?.backendId ?? null;
    },

    async release(leaseId) {
      await getPool().query(questionPathStatement(RELEASE_SQL), [leaseId]);
    },

    async enqueue(waiterId, model) {
      await ensureAlive();
      // As text: node-postgres would read a timestamp without time zone in the process's zone.
      const result = await getPool().query<{ position: string }>(
        `INSERT INTO "AdmissionWaiter" (id, model, "replicaId", "enqueuedAt")
         VALUES ($1, $2, $3, clock_timestamp() AT TIME ZONE 'UTC')
         RETURNING "enqueuedAt"::text AS position`,
        [waiterId, model, replicaId()],
      );
      return result.rows[0]!.position;
    },

    async dequeue(waiterId) {
      await getPool().query(`DELETE FROM "AdmissionWaiter" WHERE id = $1`, [waiterId]);
    },

    async subscribe(wake) {
      await listen(ADMISSION_CHANNEL, () => wake(), wake);
    },
  };
}
