// The latency model: how long prefill takes (time to first token) and how fast one request
// decodes given how full the batch is. Real timers throughout; `speed` scales the model (not the
// fault durations, which are wall-clock) so tests can run the same shapes in milliseconds.
import { setTimeout as delay } from "node:timers/promises";
import type { SimulatorConfig } from "./options";

type LatencyConfig = Pick<
  SimulatorConfig,
  | "ttftMs"
  | "prefillMsPerToken"
  | "tokensPerSecond"
  | "maxBatch"
  | "batchSlowdown"
  | "batchCurve"
  | "batchSaturation"
  | "speed"
>;

/** Prefill time of a prompt, in wall-clock milliseconds. */
export function prefillMs(config: LatencyConfig, promptTokens: number): number {
  return (config.ttftMs + promptTokens * config.prefillMsPerToken) / config.speed;
}

/** Decode speed of one request while `running` requests share the batch, in tokens per second. */
export function decodeTokensPerSecond(config: LatencyConfig, running: number): number {
  const batch = Math.max(1, running);
  if (config.batchCurve === "saturating") {
    // The batch's total throughput rises as b / (b + K): a GPU that saturates (profiles.ts).
    const k = config.batchSaturation;
    return ((config.tokensPerSecond * (1 + k)) / (batch + k)) * config.speed;
  }
  const load = (batch - 1) / config.maxBatch;
  const factor = Math.max(0.05, 1 - config.batchSlowdown * load);
  return config.tokensPerSecond * factor * config.speed;
}

/** Waits `ms` (forever when Infinity); rejects with an AbortError when `signal` aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (Number.isFinite(ms)) return delay(Math.max(0, ms), undefined, { signal });
  signal.throwIfAborted();
  await new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  });
}
