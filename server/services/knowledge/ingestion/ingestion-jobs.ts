// The durable queue of ingestion jobs, kept in the VectorStoreFile rows themselves. A worker
// claims the oldest runnable job with FOR UPDATE SKIP LOCKED and a short lease, which it renews
// while it works (a heartbeat, and each stage it records). A job whose worker died becomes
// runnable again when its lease runs out, so ingestion survives a restart (or a crashed replica)
// and resumes within LEASE_MS.
import { getDb } from "../../../db/client";
import type { IngestionStage } from "../../../db/generated/client";

export const LEASE_MS = 30_000;
export const MAX_ATTEMPTS = 3;

export interface ClaimedJob {
  id: string;
  attempts: number;
}

export async function claimJob(workerId: string): Promise<ClaimedJob | null> {
  const rows = await getDb().$queryRaw<ClaimedJob[]>`
    UPDATE "VectorStoreFile"
    SET "lockedBy" = ${workerId},
        "lockedUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${LEASE_MS / 1000}),
        "attempts" = "attempts" + 1,
        "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE "id" = (
      SELECT "id" FROM "VectorStoreFile"
      WHERE "status" = 'in_progress'
        AND ("lockedUntil" IS NULL OR "lockedUntil" < (now() AT TIME ZONE 'UTC'))
      ORDER BY "createdAt", "id"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "attempts"`;
  return rows[0] ?? null;
}

/**
 * How long until a job may be claimed: 0 when one is runnable now, the time until the soonest
 * lease or retry delay runs out, or null when no job is waiting at all.
 */
export async function nextJobDueInMs(): Promise<number | null> {
  const [row] = await getDb().$queryRaw<{ due_ms: number | null }[]>`
    SELECT (EXTRACT(EPOCH FROM
      MIN(COALESCE("lockedUntil", now() AT TIME ZONE 'UTC')) - (now() AT TIME ZONE 'UTC')) * 1000)::float8 AS due_ms
    FROM "VectorStoreFile" WHERE "status" = 'in_progress'`;
  const due = row?.due_ms ?? null;
  return due === null ? null : Math.max(0, due);
}

/** Records progress and renews the lease; false when the job is gone or no longer this worker's. */
export async function recordStage(jobId: string, workerId: string, stage: IngestionStage): Promise<boolean> {
  const { count } = await getDb().vectorStoreFile.updateMany({
    where: { id: jobId, lockedBy: workerId, status: "in_progress" },
    data: { stage, lockedUntil: new Date(Date.now() + LEASE_MS) },
  });
  return count === 1;
}

/** Extends the lease of a job this worker holds; false when it no longer holds it. */
export async function renewLease(jobId: string, workerId: string): Promise<boolean> {
  const { count } = await getDb().vectorStoreFile.updateMany({
    where: { id: jobId, lockedBy: workerId, status: "in_progress" },
    data: { lockedUntil: new Date(Date.now() + LEASE_MS) },
  });
  return count === 1;
}

export async function completeJob(
  jobId: string,
  workerId: string,
  generation: number,
  result: { chunkCount: number; usageBytes: number },
): Promise<boolean> {
  const { count } = await getDb().vectorStoreFile.updateMany({
    where: { id: jobId, lockedBy: workerId, status: "in_progress", generation },
    data: {
      status: "completed",
      stage: "done",
      chunkCount: result.chunkCount,
      usageBytes: result.usageBytes,
      errorCode: null,
      errorMessage: null,
      lockedBy: null,
      lockedUntil: null,
      completedAt: new Date(),
    },
  });
  return count === 1;
}

export async function failJob(jobId: string, workerId: string, error: { code: string; message: string }) {
  await getDb().vectorStoreFile.updateMany({
    where: { id: jobId, lockedBy: workerId, status: "in_progress" },
    data: {
      status: "failed",
      errorCode: error.code,
      errorMessage: error.message,
      lockedBy: null,
      lockedUntil: null,
      completedAt: new Date(),
    },
  });
}

/** Gives a job back after a transient failure, to be retried once `delayMs` has passed. */
export async function retryJobLater(jobId: string, workerId: string, delayMs: number) {
  await getDb().vectorStoreFile.updateMany({
    where: { id: jobId, lockedBy: workerId, status: "in_progress" },
    data: { stage: "queued", lockedBy: null, lockedUntil: new Date(Date.now() + delayMs) },
  });
}

/**
 * Hands a worker's jobs back at once (a replica shutting down), without counting the attempt: any
 * worker may claim them now, and a late stage of the old run finds them no longer its own.
 */
export async function releaseJobsOf(workerId: string): Promise<number> {
  const { count } = await getDb().vectorStoreFile.updateMany({
    where: { lockedBy: workerId, status: "in_progress" },
    data: { lockedBy: null, lockedUntil: null, attempts: { decrement: 1 } },
  });
  return count;
}
