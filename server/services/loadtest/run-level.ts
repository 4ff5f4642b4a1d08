// One user level: N virtual users, each a closed loop (send a question, wait for the whole
// answer, think, ask the next), started evenly over the ramp-up. The level ends when every user
// has sent its requests, or at the duration's end once the answers in flight have come back.
// Stopping the run drops the requests in flight at once.
import { setTimeout as sleep } from "node:timers/promises";
import type { LevelRecorder } from "./level-recorder";
import type { RuntimeClient } from "./runtime-client";

/** After a failed request a user waits at least this long (or the 429's Retry-After, capped). */
export const ERROR_PAUSE_MS = 250;
const MAX_RETRY_AFTER_MS = 5_000;

export interface LevelPlan {
  runId: string;
  users: number;
  prompts: string[];
  durationMs: number | null;
  requestsPerUser: number | null;
  rampUpMs: number;
  thinkTimeMs: number;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** Runs the level; resolves with its wall time in milliseconds. */
export async function runLevel(
  plan: LevelPlan,
  client: RuntimeClient,
  recorder: LevelRecorder,
  signal: AbortSignal,
): Promise<number> {
  const started = performance.now();
  const deadline = plan.durationMs === null ? Infinity : started + plan.durationMs;
  const metadata = { channel: "loadtest", loadtest_id: plan.runId };

  async function virtualUser(index: number): Promise<void> {
    await pause((index * plan.rampUpMs) / plan.users, signal);
    for (let turn = 0; ; turn++) {
      if (signal.aborted || performance.now() >= deadline) return;
      if (plan.requestsPerUser !== null && turn >= plan.requestsPerUser) return;
      // Users walk the prompt list from different places, so a level asks many different questions.
      const message = plan.prompts[(index + turn * plan.users) % plan.prompts.length]!;
      const sample = await client.send({
        message,
        user: `loadtest-${plan.runId}-u${index + 1}`,
        metadata,
        signal,
      });
      if (!sample) return;
      recorder.record(sample);
      const wait = sample.ok
        ? plan.thinkTimeMs
        : Math.max(
            plan.thinkTimeMs,
            ERROR_PAUSE_MS,
            Math.min((sample.retryAfterSeconds ?? 0) * 1000, MAX_RETRY_AFTER_MS),
          );
      await pause(Math.min(wait, deadline - performance.now()), signal);
    }
  }

  await Promise.all(Array.from({ length: plan.users }, (_, index) => virtualUser(index)));
  return performance.now() - started;
}
