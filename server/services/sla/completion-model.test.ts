// The completion model on known inputs: answers from a backend whose time per token is a line in
// the batch size teach it that line, lengths are learned per model and effort (cut answers aside),
// and predictions add the queue, the first token, the decode at the joined batch and the overhead.
import { describe, expect, test } from "vitest";
import { COLD_START, CompletionModel, type AnswerObservation } from "./completion-model";

/** A backend decoding at tps1 (1 + K) / (b + K) tokens per second per request, as vLLM does. */
const msPerToken = (batch: number, tps1 = 72.4, k = 2.5) => (1000 * (batch + k)) / (tps1 * (1 + k));

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / expected;

function answer(overrides: Partial<AnswerObservation> = {}): AnswerObservation {
  const batch = overrides.batch ?? 4;
  const completionTokens = overrides.completionTokens ?? 1800;
  return {
    backendId: "b1",
    model: "gpt-oss-20b",
    effort: "medium",
    batch,
    completionTokens,
    ttftMs: 450,
    decodeMs: (completionTokens - 1) * msPerToken(batch),
    truncated: false,
    ...overrides,
  };
}

describe("CompletionModel", () => {
  test("cold, it predicts from the defaults", () => {
    const model = new CompletionModel();
    const prediction = model.predict({
      backendId: "b1",
      model: "gpt-oss-20b",
      effort: "medium",
      maxOutputTokens: null,
      running: 0,
      queueMs: 0,
    });
    expect(prediction.tokens).toBe(COLD_START.outputTokens.medium);
    expect(prediction.ttftMs).toBe(COLD_START.ttftMs);
    expect(prediction.batch).toBe(1);
    expect(prediction.totalMs).toBeCloseTo(prediction.ttftMs + prediction.decodeMs, 5);
  });

  test("learns the time per token as a line in the batch, and extrapolates along it", () => {
    const model = new CompletionModel();
    for (let i = 0; i < 60; i += 1) model.observe(answer({ batch: 2 + (i % 8) }));
    for (const batch of [1, 5, 12, 20]) {
      expect(relativeError(model.msPerToken("b1", "gpt-oss-20b", batch), msPerToken(batch))).toBeLessThan(
        0.01,
      );
    }
    // Another backend or model has its own line (still the defaults).
    expect(relativeError(model.msPerToken("b2", "gpt-oss-20b", 5), msPerToken(5))).toBeGreaterThan(0.1);
  });

  test("at a steady batch it predicts that batch exactly, and follows a change of speed", () => {
    const model = new CompletionModel();
    for (let i = 0; i < 40; i += 1) model.observe(answer({ batch: 12 }));
    expect(relativeError(model.msPerToken("b1", "gpt-oss-20b", 12), msPerToken(12))).toBeLessThan(0.01);
    // The GPU halves its speed: recent answers outweigh old ones within a few dozen.
    for (let i = 0; i < 150; i += 1) {
      model.observe(answer({ batch: 12, decodeMs: 1799 * msPerToken(12, 36.2) }));
    }
    expect(model.msPerToken("b1", "gpt-oss-20b", 12) / msPerToken(12, 36.2)).toBeGreaterThan(0.97);
  });

  test("learns lengths per model and effort, ignores cut answers, and caps at max_output_tokens", () => {
    const model = new CompletionModel();
    for (let i = 0; i < 50; i += 1) model.observe(answer({ completionTokens: 1800 }));
    expect(model.expectedTokens("gpt-oss-20b", "medium", null)).toBeCloseTo(1800, 0);
    // An unseen effort scales from a seen one by the defaults' ratio.
    expect(model.expectedTokens("gpt-oss-20b", "low", null)).toBeCloseTo(
      (1800 * COLD_START.outputTokens.low) / COLD_START.outputTokens.medium,
      0,
    );
    for (let i = 0; i < 50; i += 1) model.observe(answer({ effort: "low", completionTokens: 1400 }));
    expect(model.expectedTokens("gpt-oss-20b", "low", null)).toBeCloseTo(1400, 0);
    model.observe(answer({ completionTokens: 512, truncated: true }));
    expect(model.expectedTokens("gpt-oss-20b", "medium", null)).toBeCloseTo(1800, 0);
    expect(model.expectedTokens("gpt-oss-20b", "medium", 512)).toBe(512);
  });

  test("a prediction is queue + first token + tokens × time per token at the joined batch + overhead", () => {
    const model = new CompletionModel();
    for (let i = 0; i < 60; i += 1) model.observe(answer({ batch: 1 + (i % 14) }));
    for (let i = 0; i < 30; i += 1) model.observeOverhead(40);
    const prediction = model.predict({
      backendId: "b1",
      model: "gpt-oss-20b",
      effort: "medium",
      maxOutputTokens: null,
      running: 11,
      queueMs: 1000,
    });
    expect(prediction.batch).toBe(12);
    expect(prediction.ttftMs).toBeCloseTo(450, 0);
    expect(prediction.overheadMs).toBeCloseTo(40, 0);
    const expected = 1000 + 450 + 1799 * msPerToken(12) + 40;
    expect(Math.abs(prediction.totalMs - expected) / expected).toBeLessThan(0.01);
  });

  test("the margins come from recent errors once there are enough", () => {
    const model = new CompletionModel();
    expect(model.marginFactor(0.95)).toBe(1.2);
    expect(model.marginFactor(0.99)).toBe(1.35);
    for (let i = 0; i < 100; i += 1) model.observeOutcome(1000, i < 90 ? 1000 : i < 99 ? 1400 : 1600);
    expect(model.marginFactor(0.95)).toBeCloseTo(1.4, 5);
    expect(model.marginFactor(0.99)).toBeCloseTo(1.6, 5);
    for (let i = 0; i < 200; i += 1) model.observeOutcome(1000, 900);
    expect(model.marginFactor(0.95)).toBe(1);
  });
});
