import { describe, expect, test } from "vitest";
import { LevelRecorder } from "./level-recorder";
import type { Sample } from "./sample";
import { average, distribution, percentile } from "./statistics";
import { checkSla, summarizeLevel } from "./summarize-level";

const sla = { avg_ms: 1000, p95_ms: null, ttft_ms: null, error_rate: null };

describe("percentile", () => {
  test("interpolates linearly between the closest ranks (R-7, as NumPy)", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 0.5)).toBe(5.5);
    expect(percentile(values, 0.9)).toBeCloseTo(9.1);
    expect(percentile(values, 0.95)).toBeCloseTo(9.55);
    expect(percentile(values, 0.99)).toBeCloseTo(9.91);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 1)).toBe(10);
  });

  test("of one value is that value, of none is null", () => {
    expect(percentile([42], 0.99)).toBe(42);
    expect(percentile([], 0.5)).toBeNull();
    expect(average([])).toBeNull();
  });
});

describe("distribution", () => {
  test("sorts its input and rounds to milliseconds", () => {
    expect(distribution([300, 100, 200, 400.4])).toEqual({
      avg: 250,
      median: 250,
      p90: 370,
      p95: 385,
      p99: 397,
      min: 100,
      max: 400,
    });
  });
});

const answered = (latencyMs: number, extra: Partial<Extract<Sample, { ok: true }>> = {}): Sample => ({
  ok: true,
  latencyMs,
  ttftMs: 50,
  outputTokens: 10,
  tokensPerSecond: 100,
  backend: "sim",
  model: "gpt-oss-20b",
  sla: null,
  ...extra,
});

describe("summarizeLevel", () => {
  test("computes every figure of a level from its samples", () => {
    const recorder = new LevelRecorder(sla);
    for (const latency of [400, 600, 800, 1200]) recorder.record(answered(latency));
    recorder.record({ ok: false, latencyMs: 5, errorClass: "rate_limited", detail: "429" });
    recorder.record({ ok: false, latencyMs: 9000, errorClass: "timeout", detail: "timeout" });
    const result = summarizeLevel(recorder, 30_000, sla, true);
    expect(result).toMatchObject({
      duration_ms: 30_000,
      requests: 6,
      successes: 4,
      errors: 2,
      response_ms: { avg: 750, median: 700, min: 400, max: 1200 },
      ttft_ms: { avg: 50, median: 50, p95: 50 },
      tokens_per_second: 100,
      output_tokens_per_second: 1.3,
      error_rate: 0.3333,
      errors_by_class: {
        client_error: 0,
        rate_limited: 1,
        server_error: 0,
        timeout: 1,
        cut_stream: 0,
        network: 0,
      },
      throughput_per_min: 8,
      // 400, 600 and 800 ms are within 1 s; the 1200 ms answer and both failures are not.
      goodput: 0.5,
      goodput_per_min: 6,
      sla_control: null,
      sla_met: true,
    });
  });

  test("under SLA control: the median prediction error and the degraded answers", () => {
    const recorder = new LevelRecorder(sla);
    const controlled = (predictedMs: number, actualMs: number, degraded: boolean) =>
      answered(actualMs, { sla: { predictedMs, actualMs, degraded } });
    recorder.record(controlled(900, 1000, false));
    recorder.record(controlled(700, 600, true));
    recorder.record(controlled(500, 800, true));
    recorder.record(answered(400));
    expect(summarizeLevel(recorder, 60_000, sla, true).sla_control).toEqual({
      answers: 3,
      degraded: 2,
      prediction_error_ms: 100,
    });
  });

  test("a running level has no verdict yet", () => {
    const recorder = new LevelRecorder(sla);
    recorder.record(answered(100));
    expect(summarizeLevel(recorder, 1000, sla, false).sla_met).toBeNull();
  });

  test("a level without one answer fails, whatever its other figures", () => {
    const recorder = new LevelRecorder(sla);
    recorder.record({ ok: false, latencyMs: 1, errorClass: "server_error", detail: "500" });
    const result = summarizeLevel(recorder, 1000, sla, true);
    expect(result.sla_met).toBe(false);
    expect(result.response_ms.avg).toBeNull();
    expect(result.error_rate).toBe(1);
  });

  test("goodput counts the TTFT target when there is one", () => {
    const withTtft = { ...sla, ttft_ms: 100 };
    const recorder = new LevelRecorder(withTtft);
    recorder.record(answered(500, { ttftMs: 50 }));
    recorder.record(answered(500, { ttftMs: 150 }));
    expect(summarizeLevel(recorder, 1000, withTtft, true).goodput).toBe(0.5);
  });
});

describe("checkSla", () => {
  const figures = {
    successes: 10,
    response_ms: { avg: 900, median: 800, p90: 1500, p95: 2000, p99: 2500, min: 100, max: 3000 },
    ttft_ms: { avg: 300, median: 250, p95: 600 },
    error_rate: 0.1,
  };

  test("checks each optional target only when it is set", () => {
    expect(checkSla(sla, figures).map((check) => check.target)).toEqual(["successes", "avg_ms"]);
    const all = checkSla({ avg_ms: 1000, p95_ms: 1500, ttft_ms: 500, error_rate: 0.05 }, figures);
    expect(all.map((check) => [check.target, check.met])).toEqual([
      ["successes", true],
      ["avg_ms", true],
      ["p95_ms", false],
      ["ttft_ms", true],
      ["error_rate", false],
    ]);
  });

  test("the average target is inclusive (avg ≤ target)", () => {
    expect(checkSla({ ...sla, avg_ms: 900 }, figures)[1]).toMatchObject({
      met: true,
      actual: 900,
      limit: 900,
    });
  });
});
