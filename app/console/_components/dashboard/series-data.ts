// The dashboard's history as its charts draw it: the view in the address (range and filters), the
// server's series merged with each refresh of its newest buckets, one row per bucket, the zoomed
// part of them, the totals of what is shown, and the sentences that tell a screen reader what
// each chart shows.
import {
  seriesRanges,
  telemetrySeriesQuerySchema,
  type SeriesBucket,
  type SeriesRange,
  type TelemetrySeries,
  type TelemetrySeriesQueryInput,
} from "@/server/schemas/telemetry";

export const rangeOptions: ReadonlyArray<{ value: SeriesRange; label: string; phrase: string }> = [
  { value: "1h", label: "1 hour", phrase: "the last hour" },
  { value: "24h", label: "24 hours", phrase: "the last 24 hours" },
  { value: "7d", label: "7 days", phrase: "the last 7 days" },
  { value: "30d", label: "30 days", phrase: "the last 30 days" },
];
export const DEFAULT_RANGE: SeriesRange = "1h";

/** How often the newest buckets are refreshed: a few times per bucket, at most every 5 s. */
export const pollMs: Record<SeriesRange, number> = {
  "1h": 5_000,
  "24h": 15_000,
  "7d": 30_000,
  "30d": 60_000,
};

export interface DashboardView {
  range: SeriesRange;
  assistant_id?: string;
  backend_id?: string;
}

const validFilter = (name: "assistant_id" | "backend_id", value: string | null | undefined) =>
  value && telemetrySeriesQuerySchema.shape[name].safeParse(value).success ? value : undefined;

/** The view from the page's address; what the API would refuse falls back to the default. */
export function viewFromParams(params: URLSearchParams): DashboardView {
  const range = seriesRanges.find((value) => value === params.get("range")) ?? DEFAULT_RANGE;
  const assistant = validFilter("assistant_id", params.get("assistant_id"));
  const backend = validFilter("backend_id", params.get("backend_id"));
  return {
    range,
    ...(assistant ? { assistant_id: assistant } : {}),
    ...(backend ? { backend_id: backend } : {}),
  };
}

/** The page's address for a view; the default range is left out. */
export function dashboardHref(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.range !== DEFAULT_RANGE) params.set("range", view.range);
  if (view.assistant_id) params.set("assistant_id", view.assistant_id);
  if (view.backend_id) params.set("backend_id", view.backend_id);
  const query = params.toString();
  return query ? `/console/dashboard?${query}` : "/console/dashboard";
}

export const seriesInput = (view: DashboardView): TelemetrySeriesQueryInput => ({ ...view });

/**
 * The series with a refresh of its newest buckets (an answer to `since`) laid over it: buckets it
 * holds replace the old ones, those past the old end are added, and those now before the range
 * are dropped. A refresh of another range or filter leaves the series as it was.
 */
export function mergeSeries(current: TelemetrySeries, newest: TelemetrySeries): TelemetrySeries {
  if (
    newest.range !== current.range ||
    newest.assistant_id !== current.assistant_id ||
    newest.backend_id !== current.backend_id
  ) {
    return current;
  }
  const firstFresh = newest.buckets[0] ? Date.parse(newest.buckets[0].start) : Date.parse(newest.to);
  const from = Date.parse(newest.from);
  const kept = current.buckets.filter((bucket) => {
    const start = Date.parse(bucket.start);
    return start >= from && start < firstFresh;
  });
  return { ...newest, buckets: [...kept, ...newest.buckets] };
}

/** One bucket as the charts read it: its start (ms) and the figures they draw. */
export interface SeriesRow {
  at: number;
  completed: number;
  failed: number;
  cancelled: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  error_rate: number | null;
  sla_compliance: number | null;
  response_p50: number | null;
  response_p95: number | null;
  ttft_p50: number | null;
  ttft_p95: number | null;
}
export type SeriesFigure = Exclude<keyof SeriesRow, "at">;

export const rowOf = (bucket: SeriesBucket): SeriesRow => ({
  at: Date.parse(bucket.start),
  completed: bucket.completed,
  failed: bucket.failed,
  cancelled: bucket.cancelled,
  requests: bucket.requests,
  prompt_tokens: bucket.prompt_tokens,
  completion_tokens: bucket.completion_tokens,
  error_rate: bucket.error_rate,
  sla_compliance: bucket.sla.compliance,
  response_p50: bucket.response_ms.p50,
  response_p95: bucket.response_ms.p95,
  ttft_p50: bucket.ttft_ms.p50,
  ttft_p95: bucket.ttft_ms.p95,
});

/** A zoom: the first and last bucket shown (their starts, in ms), or null for the whole range. */
export type Zoom = { from: number; to: number } | null;

/** The indexes of the first and last row a zoom shows; the whole range when it no longer applies. */
export function zoomIndexes(rows: SeriesRow[], zoom: Zoom): { startIndex: number; endIndex: number } {
  const whole = { startIndex: 0, endIndex: Math.max(0, rows.length - 1) };
  if (!zoom) return whole;
  const startIndex = rows.findIndex((row) => row.at >= zoom.from);
  const after = rows.findIndex((row) => row.at > zoom.to);
  const endIndex = after === -1 ? rows.length - 1 : after - 1;
  if (startIndex === -1 || endIndex < startIndex) return whole;
  return { startIndex, endIndex };
}

/** The zoom that shows rows `startIndex` to `endIndex`; null when that is every row. */
export function zoomOf(rows: SeriesRow[], startIndex: number, endIndex: number): Zoom {
  if (rows.length === 0 || (startIndex <= 0 && endIndex >= rows.length - 1)) return null;
  const first = rows[Math.max(0, startIndex)]!;
  const last = rows[Math.min(rows.length - 1, endIndex)]!;
  return { from: first.at, to: last.at };
}

export interface SeriesTotals {
  requests: number;
  completed: number;
  failed: number;
  cancelled: number;
  tokens: number;
  /** failed / requests; null with no requests. */
  error_rate: number | null;
  /** Answers within the SLA over those judged; null with none. */
  sla_compliance: number | null;
}

/** What the shown buckets add up to (counts add; shares are taken over the sums). */
export function seriesTotals(buckets: SeriesBucket[]): SeriesTotals {
  let requests = 0;
  let completed = 0;
  let failed = 0;
  let cancelled = 0;
  let tokens = 0;
  let judged = 0;
  let within = 0;
  for (const bucket of buckets) {
    requests += bucket.requests;
    completed += bucket.completed;
    failed += bucket.failed;
    cancelled += bucket.cancelled;
    tokens += bucket.prompt_tokens + bucket.completion_tokens;
    judged += bucket.sla.answers;
    within += bucket.sla.within;
  }
  return {
    requests,
    completed,
    failed,
    cancelled,
    tokens,
    error_rate: requests > 0 ? failed / requests : null,
    sla_compliance: judged > 0 ? within / judged : null,
  };
}

/** Whether the buckets hold any answer at all. */
export const hasAnswers = (buckets: SeriesBucket[]) =>
  buckets.some((bucket) => bucket.requests > 0 || bucket.sla.answers > 0);

export interface ChartPart {
  figure: SeriesFigure;
  name: string;
  color: string;
}

type Formatter = (value: number) => string;
type TimeFormatter = (at: number) => string;

/** "Completed 12 in all, at most 3 in one bucket (14:05); Failed 0 in all." */
export function describeCounts(
  rows: SeriesRow[],
  parts: ChartPart[],
  format: Formatter,
  time: TimeFormatter,
): string {
  return `${parts
    .map((part) => {
      let sum = 0;
      let peak: SeriesRow | undefined;
      for (const row of rows) {
        const value = row[part.figure] ?? 0;
        sum += value;
        if (value > 0 && (!peak || value > (peak[part.figure] ?? 0))) peak = row;
      }
      const most = peak ? `, at most ${format(peak[part.figure] ?? 0)} in one bucket (${time(peak.at)})` : "";
      return `${part.name} ${format(sum)} in all${most}`;
    })
    .join("; ")}.`;
}

/** "p50 latest 120 ms (14:05), highest 340 ms (13:20); p95 no data." */
export function describeLevels(
  rows: SeriesRow[],
  parts: ChartPart[],
  format: Formatter,
  time: TimeFormatter,
): string {
  return `${parts
    .map((part) => {
      const known = rows.filter((row) => row[part.figure] !== null);
      const latest = known.at(-1);
      if (!latest) return `${part.name} no data`;
      const highest = known.reduce((top, row) =>
        (row[part.figure] ?? 0) > (top[part.figure] ?? 0) ? row : top,
      );
      return (
        `${part.name} latest ${format(latest[part.figure]!)} (${time(latest.at)}), ` +
        `highest ${format(highest[part.figure]!)} (${time(highest.at)})`
      );
    })
    .join("; ")}.`;
}
