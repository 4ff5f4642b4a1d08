// GET /telemetry: answers per assistant and per backend over rolling windows, for people and
// dashboards (Prometheus users scrape /metrics instead).
import { z } from "zod";
import { idSlugSchema, timestampSchema } from "./common";

export const telemetryWindows = ["1m", "15m", "1h"] as const;

/** How far back the per-assistant feedback summary looks. */
export const FEEDBACK_SUMMARY_DAYS = 30;

const feedbackCountsSchema = z.object({
  up: z.number().int(),
  down: z.number().int(),
});

const positiveShareSchema = z
  .number()
  .nullable()
  .meta({ description: "up / (up + down): the share of rated answers rated up; null with no ratings." });

export const ragDecisionKeys = ["injected", "forwarded", "refused", "tool", "none"] as const;

export const feedbackSummarySchema = feedbackCountsSchema
  .extend({
    positive_share: positiveShareSchema,
    by_rag: z
      .array(
        feedbackCountsSchema.extend({
          decision: z.enum(ragDecisionKeys).meta({
            description:
              "The rated answers' RAG decision; `none` for answers without one (failed before it).",
          }),
          positive_share: positiveShareSchema,
        }),
      )
      .meta({
        description: "The same, per RAG decision of the rated answers (decisions with ratings only).",
      }),
  })
  .meta({
    id: "FeedbackSummary",
    description: `The current ratings of the assistant's answers given in the last ${FEEDBACK_SUMMARY_DAYS} days.`,
  });
export type FeedbackSummary = z.infer<typeof feedbackSummarySchema>;

const percentilesSchema = z.object({
  avg: z.number().nullable(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});

export const windowStatsSchema = z
  .object({
    requests: z.number().int().meta({ description: "Answers finished in the window (any outcome)." }),
    completed: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int().meta({ description: "The client went away before the answer was finished." }),
    error_rate: z.number().meta({ description: "failed / requests (0 with no requests)." }),
    errors: z
      .object({
        rate_limited: z.number().int(),
        timeout: z.number().int(),
        upstream: z
          .number()
          .int()
          .meta({ description: "The model backend failed or none served the model." }),
        other: z.number().int(),
      })
      .meta({ description: "Failed answers by class." }),
    response_ms: percentilesSchema.meta({ description: "Whole answer time of completed answers." }),
    ttft_ms: percentilesSchema.meta({ description: "Time to first token of completed answers." }),
    tokens_per_second: z.number().nullable().meta({ description: "Output tokens per second of decoding." }),
    throughput_per_minute: z.number().meta({ description: "Completed answers per minute." }),
    sla_compliance: z
      .number()
      .nullable()
      .meta({ description: "Share of completed answers within their assistant's sla.avg_ms." }),
    sla_control: z
      .object({
        answers: z.number().int().meta({ description: "Completed answers made under SLA control." }),
        degraded: z.number().int().meta({ description: "Of those, answers with ladder steps applied." }),
        degraded_within_sla: z.number().int().meta({
          description:
            "Degraded answers within the SLA: the compliance degradation bought (each would likely have missed it as configured).",
        }),
        shed: z
          .number()
          .int()
          .meta({ description: "Questions refused because no answer was predicted to fit." }),
        prediction_error_ms: z
          .number()
          .nullable()
          .meta({ description: "Median absolute error of the predicted completion time." }),
      })
      .nullable()
      .meta({ description: "Null when no answer of the window was under SLA control (sla.control off)." }),
    tools: z
      .object({
        answers: z.number().int().meta({ description: "Answers for which the assistant's own tools ran." }),
        calls: z.number().int().meta({ description: "Tool calls Hearth ran for them." }),
        failed: z
          .number()
          .int()
          .meta({ description: "Of those, calls that failed, were refused or timed out." }),
      })
      .nullable()
      .meta({ description: "Null when no tool ran in the window (docs/tools.md)." }),
    feedback: feedbackCountsSchema.meta({
      description: "Ratings given in the window (a new rating of an answer counts when given), by rating.",
    }),
  })
  .meta({ id: "TelemetryWindow" });
export type WindowStats = z.infer<typeof windowStatsSchema>;

const windowsSchema = z.object({
  "1m": windowStatsSchema,
  "15m": windowStatsSchema,
  "1h": windowStatsSchema,
});

export const telemetrySchema = z
  .object({
    object: z.literal("telemetry"),
    generated_at: timestampSchema,
    assistants: z.array(
      z.object({
        assistant_id: z.string(),
        name: z.string(),
        sla_avg_ms: z.number().int(),
        windows: windowsSchema,
        feedback: feedbackSummarySchema,
      }),
    ),
    backends: z.array(
      z.object({
        backend_id: z.string(),
        name: z.string(),
        enabled: z.boolean(),
        in_flight: z.number().int().meta({ description: "Generations running on it from this replica now." }),
        state: z
          .enum(["healthy", "degraded", "draining", "down"])
          .nullable()
          .meta({ description: "Its health now (null while disabled); see GET /admin/backends." }),
        reason: z
          .string()
          .nullable()
          .meta({ description: "Why it is in that state (null while disabled), in an operator's words." }),
        queued: z.number().int().meta({ description: "Requests waiting for a slot on its models now." }),
        windows: windowsSchema,
      }),
    ),
  })
  .meta({ id: "Telemetry" });
export type Telemetry = z.infer<typeof telemetrySchema>;

// GET /admin/telemetry/series: the same figures over time, per bucket of a range, for charts.

export const seriesRanges = ["1h", "24h", "7d", "30d"] as const;
export const seriesRangeSchema = z.enum(seriesRanges, {
  error: `must be one of ${seriesRanges.join(", ")}`,
});
export type SeriesRange = z.infer<typeof seriesRangeSchema>;

export const telemetrySeriesQuerySchema = z.strictObject({
  range: seriesRangeSchema.default("1h").meta({
    description:
      "How far back: `1h` in 1-minute buckets, `24h` in 15-minute buckets, `7d` in hourly buckets, `30d` in " +
      "6-hour buckets (UTC). The last bucket is the current one, still filling.",
  }),
  assistant_id: idSlugSchema.optional().meta({ description: "Only this assistant's answers." }),
  backend_id: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Only the answers this backend made." }),
  since: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2026-05-01T08:00:00Z" })
    .transform((value) => new Date(value))
    .optional()
    .meta({
      description:
        "Only the buckets from the one holding this time to the current one: what a dashboard polls to " +
        "refresh its newest buckets (pass the last bucket's `start`). Before the range it means the whole range.",
    }),
});
export type TelemetrySeriesQuery = z.infer<typeof telemetrySeriesQuerySchema>;
export type TelemetrySeriesQueryInput = z.input<typeof telemetrySeriesQuerySchema>;

const seriesPercentilesSchema = z.object({
  p50: z.number().nullable(),
  p95: z.number().nullable(),
});

export const seriesBucketSchema = z
  .object({
    start: timestampSchema.meta({ description: "The bucket's start; it lasts `bucket_seconds`." }),
    requests: z.number().int().meta({ description: "Answers finished in the bucket (any outcome)." }),
    completed: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int().meta({ description: "The client went away before the answer was finished." }),
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int().meta({ description: "Output tokens, reasoning included." }),
    error_rate: z.number().nullable().meta({ description: "failed / requests; null with no requests." }),
    response_ms: seriesPercentilesSchema.meta({ description: "Whole answer time of completed answers." }),
    ttft_ms: seriesPercentilesSchema.meta({ description: "Time to first token of completed answers." }),
    sla: z
      .object({
        answers: z.number().int().meta({ description: "Completed answers judged (those still stored)." }),
        within: z
          .number()
          .int()
          .meta({
            description:
              "Of those, answers within the SLA: the target recorded with the answer under SLA control, the " +
              "assistant's `sla.avg_ms` otherwise.",
          }),
        compliance: z.number().nullable().meta({ description: "within / answers; null with no answers." }),
        controlled: z
          .number()
          .int()
          .meta({ description: "Answers made under SLA control (sla.control on)." }),
      })
      .meta({ description: "SLA compliance of the answers that started in the bucket." }),
  })
  .meta({ id: "TelemetrySeriesBucket" });
export type SeriesBucket = z.infer<typeof seriesBucketSchema>;

export const telemetrySeriesSchema = z
  .object({
    object: z.literal("telemetry.series"),
    generated_at: timestampSchema,
    range: seriesRangeSchema,
    bucket_seconds: z.number().int(),
    from: timestampSchema.meta({ description: "The range's start: the first bucket's." }),
    to: timestampSchema.meta({ description: "The range's end, exclusive: the current bucket's end." }),
    assistant_id: z.string().nullable(),
    backend_id: z.string().nullable(),
    sla_avg_ms: z.number().int().nullable().meta({
      description: "With `assistant_id`: the assistant's SLA target, for a chart's line; else null.",
    }),
    buckets: z.array(seriesBucketSchema).meta({
      description:
        "Every bucket of the range in order, those without answers included (zeros and nulls); with " +
        "`since`, from the bucket holding it.",
    }),
  })
  .meta({ id: "TelemetrySeries" });
export type TelemetrySeries = z.infer<typeof telemetrySeriesSchema>;
