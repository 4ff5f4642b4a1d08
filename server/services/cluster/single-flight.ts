// One run at a time across the cluster for periodic jobs that every replica schedules (session
// retention): the run holds a PostgreSQL session-level advisory lock, named by the job, on a
// connection of its own, and a replica that cannot take it at once skips its turn instead of
// waiting. Within a process a second call while one runs skips too. The embedded database has one
// replica and one connection (which the run itself needs), so there the process's guard is all.
import { getPool } from "../../db/client";
import { env } from "../../env";

const running = new Set<string>();

/** Runs `run` unless another run of the job holds its lock (here or on another replica): then null. */
export async function runAlone<T>(job: string, run: () => Promise<T>): Promise<T | null> {
  if (running.has(job)) return null;
  running.add(job);
  try {
    return env.HEARTH_DB_EMBEDDED ? await run() : await underLock(`hearth:job:${job}`, run);
  } finally {
    running.delete(job);
  }
}

async function underLock<T>(lock: string, run: () => Promise<T>): Promise<T | null> {
  const client = await getPool().connect();
  // A connection that failed to unlock is closed, not pooled: closing it frees the lock.
  let unlocked = true;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
      [lock],
    );
    if (!rows[0]?.locked) return null;
    unlocked = false;
    try {
      return await run();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lock]);
      unlocked = true;
    }
  } finally {
    client.release(!unlocked);
  }
}
