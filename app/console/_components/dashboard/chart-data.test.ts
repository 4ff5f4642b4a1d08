import { describe, expect, test } from "vitest";
import {
  appendSample,
  busiestAssistants,
  chartData,
  chartSummary,
  combinedErrorRate,
  minuteOf,
  NOTHING_YET,
  PALETTE,
  totalThroughput,
  type ChartLine,
  type Sample,
} from "./chart-data";
import { assistantTelemetry, telemetryAt } from "./telemetry-fixture";

const support = (throughput: number, p95: number | null) =>
  assistantTelemetry("support", { "1m": { throughput_per_minute: throughput, response_ms: { p95 } } });

const first = telemetryAt("2026-05-01T08:00:00.000Z", [support(2, 800)]);
const second = telemetryAt("2026-05-01T08:00:05.000Z", [support(4, 1200), assistantTelemetry("sales")]);
// The assistant was deleted meanwhile: it is missing from the sample, not at zero.
const third = telemetryAt("2026-05-01T08:00:10.000Z", [assistantTelemetry("sales")]);

const samplesOf = (...telemetry: (typeof first)[]) =>
  telemetry.reduce<Sample[]>((samples, next) => appendSample(samples, next), []);

const throughputOfSupport: ChartLine = {
  name: "Answers/min",
  pick: (telemetry) => minuteOf(telemetry, "support")?.throughput_per_minute ?? null,
};
const p95OfSupport: ChartLine = {
  name: "p95",
  pick: (telemetry) => minuteOf(telemetry, "support")?.response_ms.p95 ?? null,
  dashed: true,
};

describe("appendSample", () => {
  test("each poll is one sample at the time the server computed it", () => {
    const samples = samplesOf(first, second);
    expect(samples.map((sample) => sample.at)).toEqual([
      Date.parse("2026-05-01T08:00:00.000Z"),
      Date.parse("2026-05-01T08:00:05.000Z"),
    ]);
    expect(samples[1]?.telemetry).toBe(second);
  });

  test("keeps the newest samples only, without changing the list it was given", () => {
    const two = samplesOf(first, second);
    const kept = appendSample(two, third, 2);
    expect(kept.map((sample) => sample.telemetry)).toEqual([second, third]);
    expect(two).toHaveLength(2);
    expect(two[0]?.telemetry).toBe(first);
  });
});

describe("chartData", () => {
  test("one row per sample with a value per line; a missing assistant is a gap, not a zero", () => {
    const { rows } = chartData(samplesOf(first, second, third), [throughputOfSupport, p95OfSupport]);
    expect(rows).toEqual([
      { at: Date.parse(first.generated_at), s0: 2, s1: 800 },
      { at: Date.parse(second.generated_at), s0: 4, s1: 1200 },
      { at: Date.parse(third.generated_at), s0: null, s1: null },
    ]);
  });

  test("the legend shows each line's value in the newest sample", () => {
    const { series } = chartData(samplesOf(first, second), [throughputOfSupport, p95OfSupport]);
    expect(series).toEqual([
      { name: "Answers/min", color: PALETTE[0], dashed: undefined, latest: 4 },
      { name: "p95", color: PALETTE[1], dashed: true, latest: 1200 },
    ]);
  });

  test("before the first sample: no rows, no latest values", () => {
    const { rows, series } = chartData([], [throughputOfSupport]);
    expect(rows).toEqual([]);
    expect(series[0]?.latest).toBeNull();
  });

  test("a line's own colour wins; the palette repeats after its last colour", () => {
    const lines: ChartLine[] = Array.from({ length: PALETTE.length + 1 }, (_, index) => ({
      name: `line ${index}`,
      pick: () => index,
      ...(index === 0 ? { color: "#dc2626" } : {}),
    }));
    const { series } = chartData(samplesOf(first), lines);
    expect(series[0]?.color).toBe("#dc2626");
    expect(series[1]?.color).toBe(PALETTE[1]);
    expect(series[PALETTE.length]?.color).toBe(PALETTE[0]);
  });
});

describe("chartSummary", () => {
  const ms = (value: number) => `${value} ms`;

  test("the latest figure of each line, and the target line", () => {
    const series = [
      { name: "p50", color: "#000", latest: 120 },
      { name: "p95", color: "#000", latest: null },
    ];
    expect(chartSummary(series, ms, { value: 2000, label: "SLA" })).toBe(
      "Latest: p50 120 ms, p95 no data; SLA 2000 ms.",
    );
    expect(chartSummary(series, ms, undefined)).toBe("Latest: p50 120 ms, p95 no data.");
  });

  test("a chart without lines says there is nothing to draw", () => {
    expect(chartSummary([], ms, { value: 2000, label: "SLA" })).toBe(NOTHING_YET);
  });
});

describe("all assistants together", () => {
  const busy = telemetryAt("2026-05-01T08:00:00.000Z", [
    assistantTelemetry("idle"),
    assistantTelemetry("small", {
      "1m": { requests: 2, failed: 1, throughput_per_minute: 1 },
      "15m": { requests: 3 },
    }),
    assistantTelemetry("large", {
      "1m": { requests: 8, failed: 1, throughput_per_minute: 7 },
      "15m": { requests: 40 },
    }),
    assistantTelemetry("medium", { "15m": { requests: 10 } }),
  ]);

  test("the busiest of the last 15 minutes, busiest first, idle ones left out", () => {
    const names = (max: number) => busiestAssistants(busy, max).map((assistant) => assistant.assistant_id);
    expect(names(8)).toEqual(["large", "medium", "small"]);
    expect(names(2)).toEqual(["large", "medium"]);
    expect(busiestAssistants(undefined, 8)).toEqual([]);
  });

  test("throughput adds up; the error rate is failures over all answers, not an average of rates", () => {
    expect(totalThroughput(busy)).toBe(8);
    // 2 failed of 10 answers: 0.2 (averaging the rates 0.5 and 0.125 would say 0.3125).
    expect(combinedErrorRate(busy)).toBeCloseTo(0.2);
  });

  test("no answers in the last minute is an error rate of zero, not a division by zero", () => {
    expect(combinedErrorRate(telemetryAt(first.generated_at, [assistantTelemetry("idle")]))).toBe(0);
    expect(totalThroughput(telemetryAt(first.generated_at, []))).toBe(0);
  });
});
