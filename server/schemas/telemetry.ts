// GET /telemetry: answers per assistant and per backend over rolling windows, for people and
// dashboards (Prometheus users scrape /metrics instead).
import { z } from "zod";
import { timestampSchema } from "./common";

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
        queued: z.number().int().meta({ description: "Requests waiting for a slot on its models now." }),
        windows: windowsSchema,
      }),
    ),
  })
  .meta({ id: "Telemetry" });
export type Telemetry = z.infer<typeof telemetrySchema>;
