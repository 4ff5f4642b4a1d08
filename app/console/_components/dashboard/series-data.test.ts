import { describe, expect, test } from "vitest";
import type { SeriesBucket, TelemetrySeries } from "@/server/schemas/telemetry";
import {
  dashboardHref,
  describeCounts,
  describeLevels,
  hasAnswers,
  mergeSeries,
  rowOf,
  seriesTotals,
  viewFromParams,
  zoomIndexes,
  zoomOf,
  type ChartPart,
} from "./series-data";

const MINUTE = 60_000;
const T0 = Date.parse("2026-05-04T10:00:00Z");

function bucket(minute: number, figures: Partial<SeriesBucket> = {}): SeriesBucket {
  return {
    start: new Date(T0 + minute * MINUTE).toISOString(),
    requests: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    error_rate: null,
    response_ms: { p50: null, p95: null },
    ttft_ms: { p50: null, p95: null },
    sla: { answers: 0, within: 0, compliance: null, controlled: 0 },
    ...figures,
  };
}

/** A 1h series of minutes `first` to `first + count - 1`. */
function series(first: number, count: number, overrides: Partial<TelemetrySeries> = {}): TelemetrySeries {
  const buckets = Array.from({ length: count }, (_, index) => bucket(first + index));
  return {
    object: "telemetry.series",
    generated_at: new Date(T0 + (first + count - 1) * MINUTE + 30_000).toISOString(),
    range: "1h",
    bucket_seconds: 60,
    from: buckets[0]!.start,
    to: new Date(T0 + (first + count) * MINUTE).toISOString(),
    assistant_id: null,
    backend_id: null,
    sla_avg_ms: null,
    buckets,
    ...overrides,
  };
}

const answered = (minute: number, requests: number, failed: number) =>
  bucket(minute, {
    requests,
    completed: requests - failed,
    failed,
    prompt_tokens: 10 * requests,
    completion_tokens: 20 * requests,
    error_rate: requests > 0 ? failed / requests : null,
    sla: { answers: requests - failed, within: requests - failed - 1, compliance: null, controlled: 0 },
  });

describe("the view in the address", () => {
  test("reads the range and filters, and falls back to the default for what the API would refuse", () => {
    expect(viewFromParams(new URLSearchParams(""))).toEqual({ range: "1h" });
    expect(viewFromParams(new URLSearchParams("range=7d&assistant_id=support&backend_id=gpu-1"))).toEqual({
      range: "7d",
      assistant_id: "support",
      backend_id: "gpu-1",
    });
    expect(viewFromParams(new URLSearchParams("range=90d&assistant_id=Not%20An%20Id"))).toEqual({
      range: "1h",
    });
  });

  test("writes the view back, leaving the default range out", () => {
    expect(dashboardHref({ range: "1h" })).toBe("/console/dashboard");
    const view = { range: "30d" as const, assistant_id: "support" };
    const href = dashboardHref(view);
    expect(href).toBe("/console/dashboard?range=30d&assistant_id=support");
    expect(viewFromParams(new URL(href, "http://x").searchParams)).toEqual(view);
  });
});

describe("mergeSeries", () => {
  test("a refresh of the current bucket replaces it, the rest kept", () => {
    const current = series(0, 60);
    const newest = series(59, 1);
    newest.buckets[0] = answered(59, 3, 1);
    const merged = mergeSeries(current, { ...newest, from: current.from });
    expect(merged.buckets).toHaveLength(60);
    expect(merged.buckets.at(-1)).toEqual(answered(59, 3, 1));
    expect(merged.buckets[0]).toEqual(current.buckets[0]);
    expect(merged.generated_at).toBe(newest.generated_at);
  });

  test("a new bucket is added and the one now before the range dropped", () => {
    const current = series(0, 60);
    const newest = series(59, 2, { from: new Date(T0 + MINUTE).toISOString() });
    const merged = mergeSeries(current, newest);
    expect(merged.buckets).toHaveLength(60);
    expect(merged.buckets[0]!.start).toBe(new Date(T0 + MINUTE).toISOString());
    expect(merged.buckets.at(-1)!.start).toBe(new Date(T0 + 60 * MINUTE).toISOString());
    expect(merged.to).toBe(newest.to);
  });

  test("a refresh of another view changes nothing", () => {
    const current = series(0, 60);
    expect(mergeSeries(current, series(59, 1, { range: "24h" }))).toBe(current);
    expect(mergeSeries(current, series(59, 1, { assistant_id: "support" }))).toBe(current);
  });
});

describe("the zoom", () => {
  const rows = series(0, 60).buckets.map(rowOf);

  test("a zoom is the buckets between its ends, and back", () => {
    const zoom = zoomOf(rows, 10, 19);
    expect(zoom).toEqual({ from: T0 + 10 * MINUTE, to: T0 + 19 * MINUTE });
    expect(zoomIndexes(rows, zoom)).toEqual({ startIndex: 10, endIndex: 19 });
    expect(zoomOf(rows, 0, 59)).toBeNull();
    expect(zoomIndexes(rows, null)).toEqual({ startIndex: 0, endIndex: 59 });
  });

  test("as the range moves on, a zoom keeps its buckets; one wholly past shows the whole range", () => {
    const later = series(5, 60).buckets.map(rowOf);
    expect(zoomIndexes(later, { from: T0 + 10 * MINUTE, to: T0 + 19 * MINUTE })).toEqual({
      startIndex: 5,
      endIndex: 14,
    });
    expect(zoomIndexes(later, { from: T0, to: T0 + 2 * MINUTE })).toEqual({ startIndex: 0, endIndex: 59 });
    expect(zoomIndexes([], null)).toEqual({ startIndex: 0, endIndex: 0 });
  });
});

describe("totals and descriptions", () => {
  test("counts add up; shares are taken over the sums, null with nothing to share", () => {
    const buckets = [answered(0, 4, 1), bucket(1), answered(2, 6, 0)];
    expect(seriesTotals(buckets)).toEqual({
      requests: 10,
      completed: 9,
      failed: 1,
      cancelled: 0,
      tokens: 300,
      error_rate: 0.1,
      sla_compliance: 7 / 9,
    });
    expect(seriesTotals([bucket(0)])).toMatchObject({ requests: 0, error_rate: null, sla_compliance: null });
    expect(hasAnswers(buckets)).toBe(true);
    expect(hasAnswers([bucket(0), bucket(1)])).toBe(false);
  });

  const time = (at: number) => `m${(at - T0) / MINUTE}`;
  const format = (value: number) => String(value);

  test("counts: the sum of each part and its busiest bucket", () => {
    const rows = [answered(0, 4, 1), bucket(1), answered(2, 6, 0)].map(rowOf);
    const parts: ChartPart[] = [
      { figure: "completed", name: "Completed", color: "" },
      { figure: "cancelled", name: "Cancelled", color: "" },
    ];
    expect(describeCounts(rows, parts, format, time)).toBe(
      "Completed 9 in all, at most 6 in one bucket (m2); Cancelled 0 in all.",
    );
  });

  test("levels: the latest known value and the highest, or no data", () => {
    const rows = [
      bucket(0, { response_ms: { p50: 300, p95: 900 } }),
      bucket(1, { response_ms: { p50: 200, p95: null } }),
      bucket(2),
    ].map(rowOf);
    const parts: ChartPart[] = [
      { figure: "response_p50", name: "p50", color: "" },
      { figure: "response_p95", name: "p95", color: "" },
      { figure: "ttft_p50", name: "TTFT", color: "" },
    ];
    expect(describeLevels(rows, parts, format, time)).toBe(
      "p50 latest 200 (m1), highest 300 (m0); p95 latest 900 (m0), highest 900 (m0); TTFT no data.",
    );
  });
});
