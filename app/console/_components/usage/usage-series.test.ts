import { describe, expect, test } from "vitest";
import type { UsageFigures, UsageReport } from "@/server/schemas/usage";
import { barRows, requestBars, seriesSummary, tokenBars } from "./usage-series";

const zero: UsageFigures = {
  requests: 0,
  completed: 0,
  failed: 0,
  cancelled: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  reasoning_tokens: 0,
  total_tokens: 0,
  gpu_seconds: 0,
  cost: 0,
};

const report = (series: Array<Partial<UsageFigures> & { bucket: string }>) =>
  ({
    granularity: "day",
    series: series.map((point) => ({ ...zero, ...point })),
  }) satisfies Pick<UsageReport, "series" | "granularity">;

const count = (value: number) => String(value);

describe("the charts' rows", () => {
  test("one row per bucket, with the stacked figures and the bucket's name", () => {
    const rows = barRows(
      report([
        { bucket: "2026-12-03T00:00:00.000Z", completed: 4, failed: 1, prompt_tokens: 99 },
        { bucket: "2026-12-04T00:00:00.000Z" },
      ]),
      requestBars,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      bucket: "2026-12-03T00:00:00.000Z",
      completed: 4,
      failed: 1,
      cancelled: 0,
    });
    expect(rows[0]).not.toHaveProperty("prompt_tokens");
    expect(rows[0]!.label).toMatch(/3/);
  });
});

describe("the charts' summary for screen readers", () => {
  test("the totals of each bar, and the busiest bucket", () => {
    const summary = seriesSummary(
      report([
        { bucket: "2026-12-03T00:00:00.000Z", prompt_tokens: 10, completion_tokens: 5 },
        { bucket: "2026-12-04T00:00:00.000Z", prompt_tokens: 100, completion_tokens: 20 },
      ]),
      tokenBars,
      count,
    );
    expect(summary).toMatch(/^Input 110, Output 25 in total; the most on .*4.* \(120\)\.$/);
  });

  test("no usage: the totals only", () => {
    expect(seriesSummary(report([{ bucket: "2026-12-03T00:00:00.000Z" }]), requestBars, count)).toBe(
      "Completed 0, Failed 0, Cancelled 0 in total.",
    );
  });
});
