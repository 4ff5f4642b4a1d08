// Rolling-window statistics of answers, computed in the database from the stored messages, so
// every replica reports the same global figures (per-replica counters would each see a share).
// One grouped query per window and grouping; each reads only the window's rows through the
// (assistantId, createdAt) index.
import { getDb, Prisma } from "../../db/client";
import type { Telemetry, WindowStats } from "../../schemas/telemetry";
import { telemetryWindows } from "../../schemas/telemetry";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { backendHealthById } from "../gateway/backend-health-view";
import { feedbackInWindows, feedbackSummaries, NO_FEEDBACK, type FeedbackCounts } from "./feedback-telemetry";

type Window = (typeof telemetryWindows)[number];
const WINDOW_SECONDS: Record<Window, number> = { "1m": 60, "15m": 900, "1h": 3600 };

interface Row {
  key: string;
  requests: number;
  completed: number;
  failed: number;
  cancelled: number;
  rate_limited: number;
  timeout: number;
  upstream: number;
  avg_ms: number | null;
  pct_ms: number[] | null;
  avg_ttft: number | null;
  pct_ttft: number[] | null;
  tokens: number | null;
  decode_ms: number | null;
  within_sla: number;
  controlled: number;
  degraded: number;
  degraded_within_sla: number;
  shed: number;
  prediction_error_ms: number | null;
  tool_answers: number;
  tool_calls: number;
  tool_failures: number;
}

const aggregates = Prisma.sql`
  count(*)::int AS requests,
  count(*) FILTER (WHERE m.status = 'completed')::int AS completed,
  count(*) FILTER (WHERE m.status = 'failed')::int AS failed,
  count(*) FILTER (WHERE m.status = 'cancelled')::int AS cancelled,
  count(*) FILTER (WHERE m.status = 'failed' AND m."errorCode" = 'RATE_LIMITED')::int AS rate_limited,
  count(*) FILTER (WHERE m.status = 'failed' AND m."errorCode" = 'UPSTREAM_TIMEOUT')::int AS timeout,
  count(*) FILTER (WHERE m.status = 'failed' AND m."errorCode" IN ('UPSTREAM_ERROR', 'NO_BACKEND'))::int AS upstream,
  (avg(m."totalMs") FILTER (WHERE m.status = 'completed'))::float8 AS avg_ms,
  percentile_cont(ARRAY[0.5, 0.9, 0.95, 0.99]) WITHIN GROUP (ORDER BY m."totalMs")
    FILTER (WHERE m.status = 'completed' AND m."totalMs" IS NOT NULL) AS pct_ms,
  (avg(m."ttftMs") FILTER (WHERE m.status = 'completed'))::float8 AS avg_ttft,
  percentile_cont(ARRAY[0.5, 0.9, 0.95, 0.99]) WITHIN GROUP (ORDER BY m."ttftMs")
    FILTER (WHERE m.status = 'completed' AND m."ttftMs" IS NOT NULL) AS pct_ttft,
  (sum(m."completionTokens") FILTER (WHERE m.status = 'completed'))::float8 AS tokens,
  (sum(m."totalMs" - m."ttftMs") FILTER (WHERE m.status = 'completed' AND m."ttftMs" IS NOT NULL
    AND m."completionTokens" > 0))::float8 AS decode_ms,
  count(*) FILTER (WHERE m.status = 'completed' AND m."totalMs" <= a."slaAvgMs")::int AS within_sla,
  count(*) FILTER (WHERE m.status = 'completed' AND m.sla IS NOT NULL)::int AS controlled,
  count(*) FILTER (WHERE m.status = 'completed' AND jsonb_array_length(m.sla->'degraded') > 0)::int AS degraded,
  count(*) FILTER (WHERE m.status = 'completed' AND jsonb_array_length(m.sla->'degraded') > 0
    AND m."totalMs" <= a."slaAvgMs")::int AS degraded_within_sla,
  count(*) FILTER (WHERE m.status = 'failed' AND m.sla IS NOT NULL AND m."errorCode" = 'RATE_LIMITED')::int AS shed,
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(m."totalMs" - (m.sla->>'predicted_ms')::float8))
    FILTER (WHERE m.status = 'completed' AND m.sla IS NOT NULL))::float8 AS prediction_error_ms,
  count(*) FILTER (WHERE m."toolRuns" IS NOT NULL)::int AS tool_answers,
  coalesce(sum(jsonb_array_length(m."toolRuns")), 0)::int AS tool_calls,
  coalesce(sum(jsonb_array_length(jsonb_path_query_array(m."toolRuns", '$[*] ? (@.ok == false)'))), 0)::int
    AS tool_failures`;

async function windowRows(
  assistantIds: string[],
  seconds: number,
  by: "assistant" | "backend",
): Promise<Row[]> {
  if (assistantIds.length === 0) return [];
  const db = getDb();
  // Timestamps are stored as UTC without a zone, as Prisma writes them.
  const since = Prisma.sql`(now() AT TIME ZONE 'UTC') - make_interval(secs => ${seconds})`;
  // Two statements rather than one with a dynamic GROUP BY: raw SQL stays fully parameterized.
  const rows =
    by === "assistant"
      ? await db.$queryRaw<Row[]>`
          SELECT m."assistantId" AS key, ${aggregates}
          FROM "Message" m JOIN "Assistant" a ON a.id = m."assistantId"
          WHERE m."assistantId" = ANY(${assistantIds}) AND m."createdAt" >= ${since}
            AND m.role = 'assistant' AND m.status <> 'in_progress'
          GROUP BY m."assistantId"`
      : await db.$queryRaw<Row[]>`
          SELECT m."backendId" AS key, ${aggregates}
          FROM "Message" m JOIN "Assistant" a ON a.id = m."assistantId"
          WHERE m."assistantId" = ANY(${assistantIds}) AND m."createdAt" >= ${since}
            AND m.role = 'assistant' AND m.status <> 'in_progress' AND m."backendId" IS NOT NULL
          GROUP BY m."backendId"`;
  return rows;
}

const round = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? null : Number(value.toFixed(digits));

function percentiles(avg: number | null, values: number[] | null) {
  return {
    avg: round(avg),
    p50: round(values?.[0]),
    p90: round(values?.[1]),
    p95: round(values?.[2]),
    p99: round(values?.[3]),
  };
}

export function toWindowStats(
  row: Row | undefined,
  seconds: number,
  feedback: FeedbackCounts = NO_FEEDBACK,
): WindowStats {
  const r =
    row ??
    ({
      requests: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      rate_limited: 0,
      timeout: 0,
      upstream: 0,
      within_sla: 0,
      controlled: 0,
      degraded: 0,
      degraded_within_sla: 0,
      shed: 0,
      prediction_error_ms: null,
      tool_answers: 0,
      tool_calls: 0,
      tool_failures: 0,
    } as Row);
  return {
    requests: r.requests,
    completed: r.completed,
    failed: r.failed,
    cancelled: r.cancelled,
    error_rate: r.requests > 0 ? round(r.failed / r.requests, 4)! : 0,
    errors: {
      rate_limited: r.rate_limited,
      timeout: r.timeout,
      upstream: r.upstream,
      other: r.failed - r.rate_limited - r.timeout - r.upstream,
    },
    response_ms: percentiles(r.avg_ms ?? null, r.pct_ms ?? null),
    ttft_ms: percentiles(r.avg_ttft ?? null, r.pct_ttft ?? null),
    tokens_per_second: r.tokens && r.decode_ms ? round(r.tokens / (r.decode_ms / 1000)) : null,
    throughput_per_minute: round(r.completed / (seconds / 60), 2)!,
    sla_compliance: r.completed > 0 ? round(r.within_sla / r.completed, 4) : null,
    sla_control:
      r.controlled > 0 || r.shed > 0
        ? {
            answers: r.controlled,
            degraded: r.degraded,
            degraded_within_sla: r.degraded_within_sla,
            shed: r.shed,
            prediction_error_ms: round(r.prediction_error_ms),
          }
        : null,
    tools:
      r.tool_calls > 0 ? { answers: r.tool_answers, calls: r.tool_calls, failed: r.tool_failures } : null,
    feedback,
  };
}

export async function readTelemetry(actor: Actor): Promise<Telemetry> {
  authorize(actor, "assistants:read");
  const db = getDb();
  const [assistants, backends] = await Promise.all([
    db.assistant.findMany({ select: { id: true, name: true, slaAvgMs: true }, orderBy: { id: "asc" } }),
    db.backend.findMany({ select: { id: true, name: true, enabled: true }, orderBy: { name: "asc" } }),
  ]);
  const ids = assistants.map((assistant) => assistant.id);
  const results = await Promise.all(
    telemetryWindows.flatMap((window) =>
      (["assistant", "backend"] as const).map(async (by) => ({
        window,
        by,
        rows: new Map((await windowRows(ids, WINDOW_SECONDS[window], by)).map((row) => [row.key, row])),
      })),
    ),
  );
  const windowSeconds = telemetryWindows.map((window) => WINDOW_SECONDS[window]);
  const [feedback, summaries] = await Promise.all([
    Promise.all([
      feedbackInWindows(ids, windowSeconds, "assistant"),
      feedbackInWindows(ids, windowSeconds, "backend"),
    ]).then(([assistant, backend]) => ({ assistant, backend })),
    feedbackSummaries(ids),
  ]);
  const windowsOf = (by: "assistant" | "backend", key: string) =>
    Object.fromEntries(
      telemetryWindows.map((window, index) => {
        const rows = results.find((result) => result.window === window && result.by === by)!.rows;
        const rated = feedback[by].get(key)?.[index];
        return [window, toWindowStats(rows.get(key), WINDOW_SECONDS[window], rated)];
      }),
    ) as Telemetry["assistants"][number]["windows"];
  const health = await backendHealthById();
  return {
    object: "telemetry",
    generated_at: new Date().toISOString(),
    assistants: assistants.map((assistant) => ({
      assistant_id: assistant.id,
      name: assistant.name,
      sla_avg_ms: assistant.slaAvgMs,
      windows: windowsOf("assistant", assistant.id),
      feedback: summaries.get(assistant.id)!,
    })),
    backends: backends.map((backend) => ({
      backend_id: backend.id,
      name: backend.name,
      enabled: backend.enabled,
      in_flight: health.get(backend.id)?.outstanding ?? 0,
      state: health.get(backend.id)?.state ?? null,
      reason: health.get(backend.id)?.reason ?? null,
      queued: health.get(backend.id)?.queued ?? 0,
      windows: windowsOf("backend", backend.id),
    })),
  };
}
