// Runs ingestion jobs in this process: a few loops (HEARTH_INGEST_CONCURRENCY) that claim the
// next job, run it, and when there is none sleep until the soonest lease or retry delay runs out,
// or until woken: by an upload here, or (with a PostgreSQL server) by another replica's upload
// through a PostgreSQL notification. An idle process asks the database once every IDLE_POLL_MS at
// most, which also covers a notification lost with a dropped connection.
// Tests drive the same code synchronously with `runIngestionUntilIdle`.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { env } from "../../../env";
import { logger } from "../../../logger";
import { getPool } from "../../../db/client";
import { listen } from "../../../db/notifications";
import { ingestFile } from "./ingest-file";
import { claimJob, nextJobDueInMs, releaseJobsOf } from "./ingestion-jobs";

/** The longest an idle worker sleeps without looking. */
export const IDLE_POLL_MS = 30_000;
/** The shortest sleep: a job another loop claimed a moment ago is not looked for in a tight loop. */
const MIN_SLEEP_MS = 50;
const INGESTION_CHANNEL = "hearth_ingestion";
const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

const state = globalThis as unknown as {
  hearthIngestion?: {
    stopped: boolean;
    /** Counts wake-ups: one during a loop's look at the database must not be slept through. */
    wakes: number;
    wake: () => void;
    loops: Promise<void>[];
    shared: boolean;
  };
};

/** Runs one job if one is runnable; false when there was none. */
export async function runNextJob(): Promise<boolean> {
  const claimed = await claimJob(workerId);
  if (!claimed) return false;
  await ingestFile(claimed, workerId);
  return true;
}

export async function runIngestionUntilIdle(): Promise<void> {
  while (await runNextJob()) {
    // keep going
  }
}

/** New work: this process's loops wake now, and so do other replicas' (with a shared database). */
export function wakeIngestion(): void {
  const worker = state.hearthIngestion;
  if (!worker) return;
  worker.wake();
  if (worker.shared) {
    getPool()
      .query("SELECT pg_notify($1, '')", [INGESTION_CHANNEL])
      .catch((error: unknown) =>
        logger.warn({ err: error }, "could not tell other replicas of new ingestion work"),
      );
  }
}

/** How long to sleep with nothing to claim: until the soonest job is due, within bounds. */
async function idleMs(): Promise<number> {
  const due = await nextJobDueInMs();
  return due === null ? IDLE_POLL_MS : Math.min(IDLE_POLL_MS, Math.max(MIN_SLEEP_MS, Math.ceil(due)));
}

/**
 * Starts the loops. `shared`: other replicas use the same database, so their uploads wake this
 * one through a PostgreSQL notification (and this one's wake them).
 */
export async function startIngestionWorker(options: { shared?: boolean } = {}): Promise<void> {
  if (state.hearthIngestion) return;
  const sleepers = new Set<() => void>();
  const worker = {
    stopped: false,
    wakes: 0,
    shared: options.shared ?? false,
    wake: () => {
      worker.wakes += 1;
      for (const wakeUp of sleepers) wakeUp();
    },
    loops: [] as Promise<void>[],
  };
  state.hearthIngestion = worker;
  if (worker.shared) {
    // A lost connection may have lost a notice too: look again at once.
    await listen(
      INGESTION_CHANNEL,
      () => worker.wake(),
      () => worker.wake(),
    ).catch((error: unknown) =>
      logger.error({ err: error }, `other replicas' uploads wake this one within ${IDLE_POLL_MS} ms only`),
    );
  }
  /** Sleeps unless woken since `wakes` was read (before the loop last looked for a job). */
  const sleep = async (wakes: number) => {
    const ms = await idleMs().catch(() => IDLE_POLL_MS);
    if (worker.stopped || worker.wakes !== wakes) return;
    await new Promise<void>((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        sleepers.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, ms);
      timer.unref();
      sleepers.add(wakeUp);
    });
  };
  const loop = async () => {
    while (!worker.stopped) {
      const wakes = worker.wakes;
      try {
        if (!(await runNextJob())) await sleep(wakes);
      } catch (error) {
        logger.error({ err: error }, "ingestion worker error");
        await sleep(wakes);
      }
    }
  };
  for (let i = 0; i < env.HEARTH_INGEST_CONCURRENCY; i++) worker.loops.push(loop());
  logger.info({ workerId, concurrency: env.HEARTH_INGEST_CONCURRENCY }, "ingestion worker started");
}

export async function stopIngestionWorker(): Promise<void> {
  const worker = state.hearthIngestion;
  if (!worker) return;
  worker.stopped = true;
  worker.wake();
  await Promise.all(worker.loops);
  state.hearthIngestion = undefined;
}

/** Gives the jobs this process still holds back to the queue (a replica shutting down). */
export function releaseHeldJobs(): Promise<number> {
  return releaseJobsOf(workerId);
}
