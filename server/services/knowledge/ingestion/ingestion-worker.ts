// Runs ingestion jobs in this process: a few loops (HEARTH_INGEST_CONCURRENCY) that claim the
// next job, run it, and sleep when there is none until woken by an upload or a short poll (jobs
// can also come from other replicas, or become runnable when a lease or a retry delay ends).
// Tests drive the same code synchronously with `runIngestionUntilIdle`.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { env } from "../../../env";
import { logger } from "../../../logger";
import { ingestFile } from "./ingest-file";
import { claimJob, releaseJobsOf } from "./ingestion-jobs";

const POLL_MS = 2_000;
const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

const state = globalThis as unknown as {
  hearthIngestion?: { stopped: boolean; wake: () => void; loops: Promise<void>[] };
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

export function wakeIngestion(): void {
  state.hearthIngestion?.wake();
}

export function startIngestionWorker(): void {
  if (state.hearthIngestion) return;
  const sleepers = new Set<() => void>();
  const worker = {
    stopped: false,
    wake: () => {
      for (const wakeUp of sleepers) wakeUp();
    },
    loops: [] as Promise<void>[],
  };
  state.hearthIngestion = worker;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const wakeUp = () => {
        clearTimeout(timer);
        sleepers.delete(wakeUp);
        resolve();
      };
      const timer = setTimeout(wakeUp, POLL_MS);
      timer.unref();
      sleepers.add(wakeUp);
    });
  const loop = async () => {
    while (!worker.stopped) {
      try {
        if (!(await runNextJob())) await sleep();
      } catch (error) {
        logger.error({ err: error }, "ingestion worker error");
        await sleep();
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
