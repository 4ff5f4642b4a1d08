// Runs a stored load test in the background of this process: creates its API key, runs each
// user level in turn, keeps the heartbeat and the running level's live figures up to date, and
// at the end (completed, stopped or failed) stores the verdicts and deletes the key.
import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "../../db/client";
import type { LoadTestStatus } from "../../schemas/loadtest";
import { logger } from "../../logger";
import { LevelRecorder, type ServedCount } from "./level-recorder";
import { HEARTBEAT_MS } from "./reap-stale-runs";
import type { StoredScenario } from "./resolve-scenario";
import { runLevel } from "./run-level";
import { createRunKey, deleteRunKeyQuietly } from "./run-key";
import { createRuntimeClient, type RuntimeClient } from "./runtime-client";
import { describeServedBy, mergeServed } from "./served-by";
import { summarizeLevel } from "./summarize-level";

export interface RunTarget {
  runId: string;
  assistantId: string;
  scenario: StoredScenario;
  targetUrl: string;
}

interface LiveLevel {
  levelId: string;
  recorder: LevelRecorder;
  startedAt: number;
}

/**
 * Refreshes the heartbeat and the running level's figures; picks up a stop asked on another
 * replica. Writes to a level only while it is `running`, so a late write cannot replace its
 * final figures.
 */
function startHeartbeat(target: RunTarget, controller: AbortController, live: () => LiveLevel | null) {
  const db = getDb();
  const halt = new AbortController();
  const loop = (async () => {
    while (!halt.signal.aborted) {
      await sleep(HEARTBEAT_MS, undefined, { signal: halt.signal }).catch(() => undefined);
      if (halt.signal.aborted) return;
      try {
        const run = await db.loadTestRun.update({
          where: { id: target.runId },
          data: { heartbeatAt: new Date() },
          select: { stopRequestedAt: true },
        });
        if (run.stopRequestedAt) controller.abort();
        const level = live();
        if (level) {
          const result = summarizeLevel(
            level.recorder,
            performance.now() - level.startedAt,
            target.scenario.sla,
            false,
          );
          await db.loadTestLevel.updateMany({
            where: { id: level.levelId, status: "running" },
            data: { result },
          });
        }
      } catch (error) {
        logger.warn({ err: error, loadTestId: target.runId }, "load test heartbeat failed");
      }
    }
  })();
  return async () => {
    halt.abort();
    await loop;
  };
}

async function runLevels(
  target: RunTarget,
  client: RuntimeClient,
  controller: AbortController,
  setLive: (level: LiveLevel | null) => void,
) {
  const db = getDb();
  const { scenario } = target;
  const served = new Map<string, ServedCount>();
  const levels = await db.loadTestLevel.findMany({
    where: { runId: target.runId },
    orderBy: { position: "asc" },
  });
  for (const level of levels) {
    if (controller.signal.aborted) break;
    const recorder = new LevelRecorder(scenario.sla);
    await db.loadTestLevel.update({
      where: { id: level.id },
      data: { status: "running", startedAt: new Date() },
    });
    setLive({ levelId: level.id, recorder, startedAt: performance.now() });
    const durationMs = await runLevel(
      {
        runId: target.runId,
        users: level.users,
        prompts: scenario.prompt_items,
        durationMs: scenario.duration_seconds === null ? null : scenario.duration_seconds * 1000,
        requestsPerUser: scenario.requests_per_user,
        rampUpMs: scenario.ramp_up_seconds * 1000,
        thinkTimeMs: scenario.think_time_ms,
      },
      client,
      recorder,
      controller.signal,
    );
    setLive(null);
    await db.loadTestLevel.update({
      where: { id: level.id },
      data: {
        status: controller.signal.aborted ? "stopped" : "completed",
        finishedAt: new Date(),
        result: summarizeLevel(recorder, durationMs, scenario.sla, true),
      },
    });
    mergeServed(served, recorder.served);
    await db.loadTestRun.update({
      where: { id: target.runId },
      data: { servedBy: await describeServedBy(served.values()) },
    });
  }
}

export async function executeRun(target: RunTarget, controller: AbortController): Promise<void> {
  const db = getDb();
  let keyId: string | null = null;
  let client: RuntimeClient | null = null;
  let live: LiveLevel | null = null;
  let status: LoadTestStatus = "completed";
  let error: string | null = null;
  const stopHeartbeat = startHeartbeat(target, controller, () => live);
  try {
    const key = await createRunKey(target.runId, target.assistantId);
    keyId = key.id;
    await db.loadTestRun.update({
      where: { id: target.runId },
      data: { status: "running", startedAt: new Date(), heartbeatAt: new Date(), apiKeyId: key.id },
    });
    client = createRuntimeClient({
      baseUrl: target.targetUrl,
      apiKey: key.secret,
      assistantId: target.assistantId,
      endpoint: target.scenario.endpoint,
      timeoutMs: target.scenario.request_timeout_seconds * 1000,
      connections: Math.max(...target.scenario.user_levels),
    });
    await runLevels(target, client, controller, (level) => (live = level));
    if (controller.signal.aborted) status = "stopped";
  } catch (cause) {
    status = "failed";
    error = cause instanceof Error ? cause.message : String(cause);
    logger.error({ err: cause, loadTestId: target.runId }, "load test failed");
  } finally {
    await stopHeartbeat();
    await client?.close().catch(() => undefined);
    await deleteRunKeyQuietly(keyId);
    await db.loadTestLevel
      .updateMany({
        where: { runId: target.runId, status: "running" },
        data: { status: "stopped", finishedAt: new Date() },
      })
      .catch(() => undefined);
    await db.loadTestRun
      .updateMany({
        where: { id: target.runId, status: { in: ["queued", "running"] } },
        data: { status, error, finishedAt: new Date(), heartbeatAt: new Date(), apiKeyId: null },
      })
      .catch((cause: unknown) =>
        logger.error({ err: cause, loadTestId: target.runId }, "could not finish a load test"),
      );
  }
}
