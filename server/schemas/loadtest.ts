// SLA load test schemas: the scenario a caller submits, the run and per-level results it reads
// back (REST, tRPC, the CLI and the console share them), and the report export query.
import { z } from "zod";
import { cursorSchema, idSlugSchema, limitSchema, listSchema, timestampSchema } from "./common";

/** Most concurrent virtual users in one level: a load test loads Hearth only as much as asked. */
export const MAX_USERS_PER_LEVEL = 500;
export const MAX_LEVELS = 12;
export const DEFAULT_USER_LEVELS = [5, 10, 15, 25];
export const DEFAULT_DURATION_SECONDS = 300;
export const MAX_PROMPTS = 1000;

const msTarget = z.number().int().min(1).max(3_600_000);

const slaInputSchema = z
  .strictObject({
    avg_ms: msTarget
      .optional()
      .meta({ description: "Average response time target; default: the assistant's." }),
    p95_ms: msTarget
      .nullable()
      .optional()
      .meta({ description: "p95 target; default: the assistant's (or none)." }),
    ttft_ms: msTarget
      .nullable()
      .optional()
      .meta({ description: "Average time-to-first-token target; default: the assistant's (or none)." }),
    error_rate: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .optional()
      .meta({ description: "Highest error rate (0-1) a level may have and pass; default: none." }),
  })
  .meta({ id: "LoadTestSlaInput" });

const promptsInputSchema = z
  .discriminatedUnion("source", [
    z.strictObject({ source: z.literal("builtin") }),
    z.strictObject({
      source: z.literal("custom"),
      items: z
        .array(z.string().trim().min(1, "prompts may not be empty").max(16_000))
        .min(1, "give at least one prompt")
        .max(MAX_PROMPTS, `at most ${MAX_PROMPTS} prompts`),
    }),
    z.strictObject({
      source: z.literal("sessions"),
      limit: z.number().int().min(1).max(MAX_PROMPTS).default(100),
    }),
  ])
  .meta({
    id: "LoadTestPromptsInput",
    description:
      "`builtin`: Hearth's general questions. `custom`: your prompts (e.g. an uploaded file, one per line). " +
      "`sessions`: the latest distinct questions people asked the assistant (load test traffic excluded).",
  });

export const startLoadTestInputSchema = z
  .strictObject({
    assistant_id: idSlugSchema,
    label: z
      .string()
      .trim()
      .max(120)
      .default("")
      .meta({ description: "A name for comparisons, e.g. `gpt-oss-20b` or `before upgrade`." }),
    endpoint: z.enum(["ask", "stream"]).default("stream"),
    user_levels: z
      .array(z.number().int().min(1).max(MAX_USERS_PER_LEVEL))
      .min(1)
      .max(MAX_LEVELS)
      .default(DEFAULT_USER_LEVELS)
      .refine((levels) => new Set(levels).size === levels.length, "user levels must be different")
      .transform((levels) => [...levels].sort((a, b) => a - b))
      .meta({
        description: `Concurrent users of each level, run in increasing order (1-${MAX_USERS_PER_LEVEL}).`,
      }),
    duration_seconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .optional()
      .meta({
        description: `How long each level runs (default ${DEFAULT_DURATION_SECONDS} unless requests_per_user is set).`,
      }),
    requests_per_user: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .meta({ description: "Instead of a duration: each user sends this many requests." }),
    ramp_up_seconds: z
      .number()
      .min(0)
      .max(3600)
      .default(0)
      .meta({ description: "Users of a level start evenly spread over this time." }),
    think_time_ms: z
      .number()
      .int()
      .min(0)
      .max(600_000)
      .default(0)
      .meta({ description: "Pause of each user between an answer and its next question." }),
    request_timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(300)
      .meta({ description: "A request without a complete answer by then counts as a timeout." }),
    prompts: promptsInputSchema.default({ source: "builtin" }),
    sla: slaInputSchema.default({}),
  })
  .refine((input) => input.duration_seconds === undefined || input.requests_per_user === undefined, {
    message: "give duration_seconds or requests_per_user, not both",
    path: ["requests_per_user"],
  })
  .refine((input) => input.duration_seconds === undefined || input.ramp_up_seconds < input.duration_seconds, {
    message: "ramp_up_seconds must be shorter than duration_seconds",
    path: ["ramp_up_seconds"],
  })
  .meta({ id: "StartLoadTestInput" });
export type StartLoadTestInput = z.infer<typeof startLoadTestInputSchema>;
export type StartLoadTestRequest = z.input<typeof startLoadTestInputSchema>;

export const loadTestSlaSchema = z
  .object({
    avg_ms: z.number().int(),
    p95_ms: z.number().int().nullable(),
    ttft_ms: z.number().int().nullable(),
    error_rate: z.number().nullable(),
  })
  .meta({ id: "LoadTestSla" });
export type LoadTestSla = z.infer<typeof loadTestSlaSchema>;

export const loadTestScenarioSchema = z
  .object({
    endpoint: z.enum(["ask", "stream"]),
    user_levels: z.array(z.number().int()),
    duration_seconds: z.number().int().nullable(),
    requests_per_user: z.number().int().nullable(),
    ramp_up_seconds: z.number(),
    think_time_ms: z.number().int(),
    request_timeout_seconds: z.number().int(),
    prompts: z.object({ source: z.enum(["builtin", "custom", "sessions"]), count: z.number().int() }),
    sla: loadTestSlaSchema,
  })
  .meta({ id: "LoadTestScenario", description: "The scenario as run, every default filled in." });
export type LoadTestScenario = z.infer<typeof loadTestScenarioSchema>;

export const errorClasses = [
  "client_error",
  "rate_limited",
  "server_error",
  "timeout",
  "cut_stream",
  "network",
] as const;
export type ErrorClass = (typeof errorClasses)[number];

const nullableMs = z.number().nullable();

export const slaCheckSchema = z.object({
  target: z.enum(["avg_ms", "p95_ms", "ttft_ms", "error_rate", "successes"]),
  limit: z.number(),
  actual: z.number().nullable(),
  met: z.boolean(),
});
export type SlaCheck = z.infer<typeof slaCheckSchema>;

export const loadTestLevelResultSchema = z
  .object({
    duration_ms: z.number().int().meta({ description: "Wall time of the level." }),
    requests: z.number().int().meta({ description: "Requests finished (answered or failed)." }),
    successes: z.number().int(),
    errors: z.number().int(),
    response_ms: z
      .object({
        avg: nullableMs,
        median: nullableMs,
        p90: nullableMs,
        p95: nullableMs,
        p99: nullableMs,
        min: nullableMs,
        max: nullableMs,
      })
      .meta({ description: "Response time of answered requests, as the client measured it." }),
    ttft_ms: z.object({ avg: nullableMs, median: nullableMs, p95: nullableMs }).meta({
      description: "Time to first token: the first answer token on `stream`; the server's figure on `ask`.",
    }),
    tokens_per_second: z
      .number()
      .nullable()
      .meta({ description: "Average decode speed of one answer (output tokens after the first token)." }),
    output_tokens_per_second: z.number().nullable().meta({
      description: "Output tokens of all answers per second of the level: the deployment's token throughput.",
    }),
    error_rate: z.number().meta({ description: "errors / requests (0-1)." }),
    errors_by_class: z.object(
      Object.fromEntries(errorClasses.map((name) => [name, z.number().int()])) as {
        [K in ErrorClass]: z.ZodNumber;
      },
    ),
    throughput_per_min: z.number().meta({ description: "Answered requests per minute." }),
    goodput: z
      .number()
      .nullable()
      .meta({ description: "Share of requests answered within the SLA's response time (and TTFT) target." }),
    goodput_per_min: z.number().nullable().default(null).meta({
      description:
        "Answers within the SLA's response time (and TTFT) target per minute (null for runs before it was kept).",
    }),
    sla_control: z
      .object({
        answers: z.number().int().meta({ description: "Answers that carried SLA control's prediction." }),
        degraded: z.number().int().meta({ description: "Of those, answers SLA control degraded." }),
        prediction_error_ms: z.number().nullable().meta({
          description:
            "Median absolute error of the predicted completion time against the server's actual time.",
        }),
      })
      .nullable()
      .default(null)
      .meta({
        description:
          "When answers carried SLA control's prediction (sla.control degrade or shed); else null.",
      }),
    sla_met: z.boolean().nullable().meta({ description: "The level's verdict; null while it runs." }),
    sla_checks: z.array(slaCheckSchema),
  })
  .meta({ id: "LoadTestLevelResult" });
export type LoadTestLevelResult = z.infer<typeof loadTestLevelResultSchema>;

export const loadTestLevelSchema = z
  .object({
    users: z.number().int(),
    status: z.enum(["pending", "running", "completed", "stopped"]),
    started_at: timestampSchema.nullable(),
    finished_at: timestampSchema.nullable(),
    result: loadTestLevelResultSchema.nullable(),
  })
  .meta({ id: "LoadTestLevel" });
export type LoadTestLevelDto = z.infer<typeof loadTestLevelSchema>;

export const servedBySchema = z
  .object({
    backend: z
      .string()
      .nullable()
      .meta({ description: "Backend name; null when no model answered (retrieval only)." }),
    model: z.string(),
    requests: z.number().int(),
    kind: z.enum(["simulator", "openai_compatible", "llama_cpp", "retrieval_only", "unknown"]),
    simulator: z
      .boolean()
      .meta({ description: "True when the backend is Hearth's vLLM simulator (no GPU)." }),
  })
  .meta({ id: "LoadTestServedBy" });
export type ServedBy = z.infer<typeof servedBySchema>;

export const loadTestStatusSchema = z.enum([
  "queued",
  "running",
  "completed",
  "stopped",
  "failed",
  "interrupted",
]);
export type LoadTestStatus = z.infer<typeof loadTestStatusSchema>;

export const loadTestSchema = z
  .object({
    id: z.string(),
    object: z.literal("loadtest"),
    assistant_id: z.string(),
    label: z.string(),
    status: loadTestStatusSchema.meta({
      description:
        "`interrupted`: the process running it stopped (a restart); `stopped`: someone stopped it; `failed`: it could not run.",
    }),
    scenario: loadTestScenarioSchema,
    created_by: z.string(),
    error: z.string().nullable(),
    served_by: z.array(servedBySchema),
    levels: z.array(loadTestLevelSchema),
    sla_met: z
      .boolean()
      .nullable()
      .meta({ description: "Every level within the SLA; null until the run has finished with results." }),
    max_users_within_sla: z.number().int().nullable().meta({
      description: "The largest user level within the SLA, counting up from the first level until one fails.",
    }),
    stop_requested_at: timestampSchema.nullable(),
    created_at: timestampSchema,
    started_at: timestampSchema.nullable(),
    finished_at: timestampSchema.nullable(),
  })
  .meta({ id: "LoadTest" });
export type LoadTestDto = z.infer<typeof loadTestSchema>;

export const loadTestListSchema = listSchema(loadTestSchema).meta({ id: "LoadTestList" });

export const listLoadTestsQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema,
  assistant_id: idSlugSchema.optional().meta({ description: "Only this assistant's runs." }),
  status: loadTestStatusSchema.optional(),
});
export type ListLoadTestsQuery = z.infer<typeof listLoadTestsQuerySchema>;

export const loadTestIdSchema = z.string().min(1).max(64);
export const loadTestIdParamsSchema = z.object({ loadtest_id: loadTestIdSchema });

export const reportFormats = ["md", "csv", "json"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const loadTestReportQuerySchema = z.strictObject({
  format: z.enum(reportFormats).default("md"),
  compare: z
    .string()
    .max(400)
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((id) => id.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(loadTestIdSchema).max(3, "compare at most 3 other runs"))
    .meta({ description: "Other run ids (comma-separated) shown side by side in the same report." }),
});
export type LoadTestReportQuery = z.infer<typeof loadTestReportQuerySchema>;

const reportRunSchema = z.object({
  id: z.string(),
  name: z.string().meta({ description: "The run's label, else the model that served it." }),
  assistant_id: z.string(),
  status: loadTestStatusSchema,
  endpoint: z.enum(["ask", "stream"]),
  served_by: z
    .string()
    .meta({ description: "Backends and models that answered, e.g. `sim: gpt-oss-20b (vLLM simulator)`." }),
  simulator: z.boolean().meta({ description: "Some answers came from Hearth's vLLM simulator (no GPU)." }),
  sla: loadTestSlaSchema,
  sla_label: z.string(),
  sla_met: z.boolean().nullable(),
  max_users_within_sla: z.number().int().nullable(),
  backends: z.number().int().meta({ description: "Model backends that answered the run's requests." }),
  max_users_per_backend: z
    .number()
    .nullable()
    .meta({
      description:
        "The largest user level within the SLA divided by the backends that carried it: the measured capacity of one " +
        "backend (GET /admin/capacity predicts the same from live answers).",
    }),
  scenario: loadTestScenarioSchema,
  started_at: timestampSchema.nullable(),
  finished_at: timestampSchema.nullable(),
});

export const comparativeRowSchema = z.object({
  run_id: z.string(),
  name: z.string(),
  users: z.number().int(),
  status: z.enum(["pending", "running", "completed", "stopped"]),
  requests: z.number().int(),
  avg_ms: z.number().nullable(),
  median_ms: z.number().nullable(),
  p90_ms: z.number().nullable(),
  p95_ms: z.number().nullable(),
  p99_ms: z.number().nullable(),
  ttft_avg_ms: z.number().nullable(),
  ttft_p95_ms: z.number().nullable(),
  tokens_per_second: z.number().nullable(),
  output_tokens_per_second: z.number().nullable(),
  error_rate: z.number(),
  errors_client_error: z.number().int(),
  errors_rate_limited: z.number().int(),
  errors_server_error: z.number().int(),
  errors_timeout: z.number().int(),
  errors_cut_stream: z.number().int(),
  errors_network: z.number().int(),
  throughput_per_min: z.number(),
  goodput: z.number().nullable(),
  goodput_per_min: z.number().nullable(),
  degraded: z.number().int().nullable(),
  prediction_error_ms: z.number().nullable(),
  sla_met: z.boolean().nullable(),
});
export type ComparativeRow = z.infer<typeof comparativeRowSchema>;

const chartPointSchema = z
  .object({ users: z.number().int() })
  .catchall(z.number().nullable())
  .meta({ description: "One x value (users) and each run's y value, keyed by run id." });
export type ChartPoint = z.infer<typeof chartPointSchema>;

export const loadTestReportSchema = z
  .object({
    object: z.literal("loadtest.report"),
    generated_at: timestampSchema,
    runs: z.array(reportRunSchema),
    comparative_results: z.array(comparativeRowSchema),
    sla_compliance: z.object({
      user_levels: z.array(z.number().int()),
      rows: z.array(
        z.object({
          run_id: z.string(),
          name: z.string(),
          levels: z
            .array(z.boolean().nullable())
            .meta({ description: "Per user level: met, not met, or null (not run)." }),
        }),
      ),
    }),
    charts: z.object({
      user_levels: z.array(z.number().int()),
      sla_avg_ms: z.number().int().meta({ description: "The SLA line (the first run's average target)." }),
      average_ms: z.array(chartPointSchema),
      median_ms: z.array(chartPointSchema),
      error_rate: z.array(chartPointSchema),
      throughput_per_min: z.array(chartPointSchema),
    }),
  })
  .meta({ id: "LoadTestReport" });
export type LoadTestReport = z.infer<typeof loadTestReportSchema>;
