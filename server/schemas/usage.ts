// Usage and cost: what every exchange consumed (requests, tokens, time on the backend, cost),
// summed per minute, hour and day in the database, and read back grouped and filtered.
import { z } from "zod";
import { channelSchema, externalUserSchema } from "./chat";
import { dateBoundSchema, idSlugSchema, timestampSchema } from "./common";

export const usageGroupSchema = z
  .enum(["assistant", "key", "user", "model", "backend", "channel", "outcome", "day", "hour"])
  .meta({
    description:
      "What the rows are per: `key` is the API key (console, widget and master-key traffic have none), " +
      "`user` the end user (the `user` value or widget visitor; one row per assistant's end user).",
  });
export type UsageGroup = z.infer<typeof usageGroupSchema>;

export const usageOutcomeSchema = z.enum(["completed", "failed", "cancelled"]);

/** The longest range one report covers. */
export const USAGE_MAX_RANGE_DAYS = 400;

const usageFilters = {
  assistant_id: idSlugSchema.optional().meta({ description: "Only this assistant's usage." }),
  api_key_id: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Only this API key's usage (`none`: traffic without a key)." }),
  user: externalUserSchema.optional().meta({ description: "Only this end user's usage." }),
  model: z.string().trim().min(1).max(200).optional().meta({ description: "Only this model's usage." }),
  backend_id: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: "Only this backend's usage." }),
  channel: channelSchema.optional().meta({ description: "Only this channel's usage." }),
  outcome: usageOutcomeSchema.optional().meta({ description: "Only exchanges that ended so." }),
};

const usageQueryFields = {
  from: dateBoundSchema.optional().meta({
    description:
      "Start of the range (ISO 8601 date-time, or a date: midnight UTC); 7 days before `to` by default. " +
      "Rounded down to the report's granularity.",
  }),
  to: dateBoundSchema.optional().meta({
    description: "End of the range, exclusive; now by default. Rounded up to the report's granularity.",
  }),
  group_by: usageGroupSchema.default("assistant"),
  ...usageFilters,
};

function checkRange(query: { from?: Date; to?: Date }, context: z.RefinementCtx): void {
  if (!query.from || !query.to) return;
  if (query.from >= query.to) {
    context.addIssue({ code: "custom", path: ["to"], message: "must be later than from" });
  } else if (query.to.getTime() - query.from.getTime() > USAGE_MAX_RANGE_DAYS * 86_400_000) {
    context.addIssue({
      code: "custom",
      path: ["from"],
      message: `the range may span at most ${USAGE_MAX_RANGE_DAYS} days`,
    });
  }
}

export const usageQuerySchema = z.strictObject(usageQueryFields).superRefine(checkRange);
export type UsageQuery = z.infer<typeof usageQuerySchema>;
export type UsageQueryInput = z.input<typeof usageQuerySchema>;

export const usageExportQuerySchema = z
  .strictObject({
    ...usageQueryFields,
    format: z.enum(["csv", "json"]).default("csv").meta({
      description:
        "`csv` (default): one row per group; `json`: the whole report, as `GET /admin/usage` gives it.",
    }),
  })
  .superRefine(checkRange);
export type UsageExportQuery = z.infer<typeof usageExportQuerySchema>;

export const usageFiguresSchema = z.object({
  requests: z.number().int().meta({ description: "Exchanges answered (whatever their outcome)." }),
  completed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int().meta({ description: "Generated tokens, reasoning included." }),
  reasoning_tokens: z
    .number()
    .int()
    .meta({
      description:
        "Of the completion tokens, those spent reasoning: as the backend reports them " +
        "(`completion_tokens_details.reasoning_tokens`), else estimated from the reasoning's share of the generated text.",
    }),
  total_tokens: z.number().int(),
  gpu_seconds: z.number().meta({
    description:
      "Time on the backend: from each model call's request to its last token, summed over a tool loop's steps.",
  }),
  cost: z.number().meta({
    description:
      "From the backends' prices at the time of each exchange (per 1M input and output tokens, per GPU-hour); 0 when unpriced.",
  }),
});
export type UsageFigures = z.infer<typeof usageFiguresSchema>;

export const usageRowSchema = usageFiguresSchema.extend({
  key: z.string().meta({
    description:
      "The group's value: an assistant, key, end user, model or backend id, a channel, an outcome, or the " +
      "bucket's start (ISO 8601) for `day` and `hour`. Empty for traffic without a key, end user or backend.",
  }),
  label: z.string().meta({ description: "What to show for it: a name where there is one." }),
  assistant_id: z
    .string()
    .nullable()
    .meta({ description: "With `group_by=user`: the end user's assistant." }),
});
export type UsageRow = z.infer<typeof usageRowSchema>;

export const usageReportSchema = z
  .object({
    object: z.literal("usage.report"),
    from: timestampSchema,
    to: timestampSchema,
    granularity: z.enum(["minute", "hour", "day"]).meta({
      description:
        "The rollup read: minutes for ranges up to 6 hours in the last 2 days, hours for ranges up to 14 days " +
        "in the last 90 days, else days. `from` and `to` are rounded to it.",
    }),
    group_by: usageGroupSchema,
    currency: z.literal("USD"),
    priced: z
      .boolean()
      .meta({ description: "Whether any usage in the report had a price (cost is meaningful)." }),
    totals: usageFiguresSchema,
    rows: z.array(usageRowSchema).meta({
      description: "One per group, most requests first (time groups: in order); at most 1,000.",
    }),
    rows_truncated: z.boolean().meta({
      description: "More groups than 1,000: the rest are left out of `rows` (never of the totals).",
    }),
    series: z.array(usageFiguresSchema.extend({ bucket: timestampSchema })).meta({
      description: "The totals per bucket of the granularity, every bucket of the range, in order.",
    }),
  })
  .meta({ id: "UsageReport" });
export type UsageReport = z.infer<typeof usageReportSchema>;
