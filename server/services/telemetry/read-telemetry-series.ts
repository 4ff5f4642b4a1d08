// The dashboard's history: a range cut into buckets, each with the answers' outcomes and tokens
// (from the usage rollups, which outlive deleted conversations and stay a few thousand rows for a
// month) and their latency percentiles and SLA compliance (from the stored answers, the only
// place those live, aggregated per bucket in SQL through the (assistantId, createdAt) index).
// Every bucket is a whole number of the rollup's period, so each sums complete rollup rows. Both
// sources count an answer when it finished (the rollups' time, the message's updatedAt), so a
// bucket once past never changes and a dashboard need only refresh the newest.
import { getDb, Prisma } from "../../db/client";
import { notFound } from "../../errors";
import type {
  SeriesBucket,
  SeriesRange,
  TelemetrySeries,
  TelemetrySeriesQuery,
} from "../../schemas/telemetry";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { figuresOf, filtersOf, sums, type FigureRow } from "../usage/read-usage";
import type { UsagePeriod } from "../usage/usage-window";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * How long an answer may take from question to last token and still be counted: far beyond the
 * backends' timeouts (HEARTH_LLM_TOTAL_TIMEOUT_MS, 10 minutes by default) with tools' rounds.
 */
const LONGEST_ANSWER_MS = HOUR;

/**
 * Each range's span, bucket and rollup. Buckets give 60 to 170 points, what a chart half a screen
 * wide can draw as bars; the 1h and 24h ranges read minute rollups (kept 2 days), 7d and 30d hourly
 * ones (kept 90 days).
 */
export const seriesLayout: Record<SeriesRange, { spanMs: number; bucketMs: number; period: UsagePeriod }> = {
  "1h": { spanMs: HOUR, bucketMs: MINUTE, period: "minute" },
  "24h": { spanMs: DAY, bucketMs: 15 * MINUTE, period: "minute" },
  "7d": { spanMs: 7 * DAY, bucketMs: HOUR, period: "hour" },
  "30d": { spanMs: 30 * DAY, bucketMs: 6 * HOUR, period: "hour" },
};

/** The range ending with the bucket that holds `now`, and where the answer starts (`since`). */
export function seriesWindow(range: SeriesRange, now: Date, since?: Date) {
  const { spanMs, bucketMs } = seriesLayout[range];
  const to = Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs;
  const from = to - spanMs;
  const start = since ? Math.max(from, Math.floor(since.getTime() / bucketMs) * bucketMs) : from;
  return { from, to, start, bucketMs };
}

type RollupRow = FigureRow & { slot: number };

interface AnswerRow {
  slot: number;
  answers: number;
  within: number;
  controlled: number;
  total_ms: number[] | null;
  ttft_ms: number[] | null;
}

async function rollupRows(
  query: TelemetrySeriesQuery,
  period: UsagePeriod,
  from: number,
  to: number,
  bucketMs: number,
): Promise<RollupRow[]> {
  const where = filtersOf(
    { assistant_id: query.assistant_id, backend_id: query.backend_id },
    { period, from: new Date(from), to: new Date(to) },
  );
  // Rollup buckets are UTC timestamps without a zone: their epoch is the instant.
  return getDb().$queryRaw<RollupRow[]>`
    SELECT floor(extract(epoch FROM bucket) / ${bucketMs / 1000}::int)::float8 AS slot, ${sums}
    FROM "UsageRollup" WHERE ${where} GROUP BY 1`;
}

async function answerRows(
  query: TelemetrySeriesQuery,
  from: number,
  to: number,
  bucketMs: number,
): Promise<AnswerRow[]> {
  const db = getDb();
  const assistantIds = query.assistant_id
    ? [query.assistant_id]
    : (await db.assistant.findMany({ select: { id: true } })).map((row) => row.id);
  if (assistantIds.length === 0) return [];
  const backend = query.backend_id ? Prisma.sql`AND m."backendId" = ${query.backend_id}` : Prisma.empty;
  const completed = Prisma.sql`m.status = 'completed'`;
  // Read through the index by start, counted by end: the rows that started up to an answer's
  // longest time before the range.
  return db.$queryRaw<AnswerRow[]>`
    SELECT floor(extract(epoch FROM m."updatedAt") / ${bucketMs / 1000}::int)::float8 AS slot,
      count(*) FILTER (WHERE ${completed})::int AS answers,
      count(*) FILTER (WHERE ${completed}
        AND m."totalMs" <= coalesce((m.sla->>'target_ms')::int, a."slaAvgMs"))::int AS within,
      count(*) FILTER (WHERE ${completed} AND m.sla IS NOT NULL)::int AS controlled,
      percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY m."totalMs")
        FILTER (WHERE ${completed} AND m."totalMs" IS NOT NULL) AS total_ms,
      percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY m."ttftMs")
        FILTER (WHERE ${completed} AND m."ttftMs" IS NOT NULL) AS ttft_ms
    FROM "Message" m JOIN "Assistant" a ON a.id = m."assistantId"
    WHERE m."assistantId" = ANY(${assistantIds}) AND m."createdAt" >= ${new Date(from - LONGEST_ANSWER_MS)}
      AND m."createdAt" < ${new Date(to)} AND m."updatedAt" >= ${new Date(from)} AND m."updatedAt" < ${new Date(to)}
      AND m.role = 'assistant' AND m.status <> 'in_progress' ${backend}
    GROUP BY 1`;
}

const round = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? null : Number(value.toFixed(digits));

const percentiles = (values: number[] | null) => ({ p50: round(values?.[0]), p95: round(values?.[1]) });

function bucketOf(
  start: number,
  rollup: RollupRow | undefined,
  answers: AnswerRow | undefined,
): SeriesBucket {
  const figures = figuresOf(rollup);
  const judged = answers?.answers ?? 0;
  const within = answers?.within ?? 0;
  return {
    start: new Date(start).toISOString(),
    requests: figures.requests,
    completed: figures.completed,
    failed: figures.failed,
    cancelled: figures.cancelled,
    prompt_tokens: figures.prompt_tokens,
    completion_tokens: figures.completion_tokens,
    error_rate: figures.requests > 0 ? round(figures.failed / figures.requests, 4) : null,
    response_ms: percentiles(answers?.total_ms ?? null),
    ttft_ms: percentiles(answers?.ttft_ms ?? null),
    sla: {
      answers: judged,
      within,
      compliance: judged > 0 ? round(within / judged, 4) : null,
      controlled: answers?.controlled ?? 0,
    },
  };
}

/** Throws NOT_FOUND for a filter naming no assistant or backend; the assistant's SLA target. */
async function checkFilters(query: TelemetrySeriesQuery): Promise<number | null> {
  const db = getDb();
  if (query.backend_id) {
    const backend = await db.backend.findUnique({ where: { id: query.backend_id }, select: { id: true } });
    if (!backend) throw notFound("Backend", query.backend_id);
  }
  if (!query.assistant_id) return null;
  const assistant = await db.assistant.findUnique({
    where: { id: query.assistant_id },
    select: { slaAvgMs: true },
  });
  if (!assistant) throw notFound("Assistant", query.assistant_id);
  return assistant.slaAvgMs;
}

export async function readTelemetrySeries(
  actor: Actor,
  query: TelemetrySeriesQuery,
  now = new Date(),
): Promise<TelemetrySeries> {
  authorize(actor, "assistants:read");
  const slaAvgMs = await checkFilters(query);
  const { period } = seriesLayout[query.range];
  const { from, to, start, bucketMs } = seriesWindow(query.range, now, query.since);
  const [rollups, answers] =
    start < to
      ? await Promise.all([
          rollupRows(query, period, start, to, bucketMs),
          answerRows(query, start, to, bucketMs),
        ])
      : [[], []];
  const rollupAt = new Map(rollups.map((row) => [row.slot * bucketMs, row]));
  const answersAt = new Map(answers.map((row) => [row.slot * bucketMs, row]));
  const buckets: SeriesBucket[] = [];
  for (let time = start; time < to; time += bucketMs) {
    buckets.push(bucketOf(time, rollupAt.get(time), answersAt.get(time)));
  }
  return {
    object: "telemetry.series",
    generated_at: now.toISOString(),
    range: query.range,
    bucket_seconds: bucketMs / 1000,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    assistant_id: query.assistant_id ?? null,
    backend_id: query.backend_id ?? null,
    sla_avg_ms: slaAvgMs,
    buckets,
  };
}
