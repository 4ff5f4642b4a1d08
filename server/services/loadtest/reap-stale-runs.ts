// A run whose process died (a restart, a crash) stops refreshing its heartbeat. Any replica that
// notices (at start-up, or when runs are read or started) marks it `interrupted`, closes its
// running level and deletes its API key, so no run stays "running" forever.
import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "../../db/client";
import { logger } from "../../logger";
import { activeRun } from "./active-runs";
import { deleteRunKeyQuietly } from "./run-key";

/** How often a running run refreshes its heartbeat, and how old one may be before it is stale. */
export const HEARTBEAT_MS = 2_000;
export const STALE_AFTER_MS = 30_000;

const unfinished = ["queued", "running"] as const;

export async function reapStaleRuns(now = Date.now()): Promise<number> {
  const db = getDb();
  const cutoff = new Date(now - STALE_AFTER_MS);
  const stale = await db.loadTestRun.findMany({
    where: { status: { in: [...unfinished] }, heartbeatAt: { lt: cutoff } },
    select: { id: true, apiKeyId: true },
  });
  let reaped = 0;
  for (const run of stale) {
    if (activeRun(run.id)) continue;
    const finishedAt = new Date(now);
    const { count } = await db.loadTestRun.updateMany({
      where: { id: run.id, status: { in: [...unfinished] }, heartbeatAt: { lt: cutoff } },
      data: {
        status: "interrupted",
        finishedAt,
        apiKeyId: null,
        error: "The server running this load test stopped (a restart or a crash) before it finished",
      },
    });
    if (count === 0) continue;
    reaped += 1;
    await db.loadTestLevel.updateMany({
      where: { runId: run.id, status: "running" },
      data: { status: "stopped", finishedAt },
    });
    await deleteRunKeyQuietly(run.apiKeyId);
  }
  return reaped;
}

/**
 * At start-up: runs left by this replica's previous process are stale at once or within the
 * stale window, so look again once it has passed.
 */
export async function reapInterruptedRunsAtStartup(): Promise<void> {
  await reapStaleRuns();
  void sleep(STALE_AFTER_MS + HEARTBEAT_MS, undefined, { ref: false })
    .then(() => reapStaleRuns())
    .catch((error: unknown) => logger.warn({ err: error }, "could not mark interrupted load tests"));
}
