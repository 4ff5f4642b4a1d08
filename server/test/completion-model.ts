// Teaching a completion model known answers, for tests of SLA control and the capacity planner:
// the A6000 GPT-OSS-20B curve, 1,800 tokens at medium effort and 1,400 at low, 450 ms to the first
// token, decoding at (b + 2.5) / 253.4 s per token at batch b.
import type { CompletionModel } from "../services/sla/completion-model";
import { SIM_MODEL } from "./chat";

export const TTFT_MS = 450;

/** Milliseconds per decoded token at a batch, on the A6000 curve. */
export const msPerToken = (batch: number) => (1000 * (batch + 2.5)) / (72.4 * 3.5);

/**
 * `answers` rounds of answers at medium and low effort on each backend; round `i` runs at batch
 * `batchOf(i)`.
 */
export function teachA6000Curve(
  model: CompletionModel,
  options: { backendIds: readonly string[]; answers: number; batchOf: (round: number) => number },
): CompletionModel {
  for (let round = 0; round < options.answers; round += 1) {
    const batch = options.batchOf(round);
    for (const [effort, tokens] of [
      ["medium", 1800],
      ["low", 1400],
    ] as const) {
      for (const backendId of options.backendIds) {
        model.observe({
          backendId,
          model: SIM_MODEL,
          effort,
          batch,
          completionTokens: tokens,
          ttftMs: TTFT_MS,
          decodeMs: (tokens - 1) * msPerToken(batch),
          truncated: false,
        });
      }
    }
  }
  return model;
}
