// Alerts: rules watched by every replica, webhook destinations, and the alerts (incidents) with
// their deliveries, for the admin API and the console. Webhook URLs and secrets go in, never out.
import { z } from "zod";
import { deletedSchema, timestampSchema } from "./common";

export const alertKindSchema = z
  .enum(["backend_down", "sla_compliance", "error_rate", "ingestion_failures", "queue_rejections"])
  .meta({
    description:
      "`backend_down`: an enabled backend down (as a replica's gateway sees it) for `threshold` seconds. " +
      "`sla_compliance`: an assistant's share of answers within its SLA (`sla.avg_ms`) over the window below " +
      "`threshold` (0-1). `error_rate`: an assistant's failed share of answers over the window above `threshold` " +
      "(0-1). `ingestion_failures`: at least `threshold` knowledge files of an assistant failed to ingest in the " +
      "window. `queue_rejections`: at least `threshold` questions to an assistant refused by admission control " +
      "(queue full or timed out, SLA shedding) in the window.",
  });
export type AlertKind = z.infer<typeof alertKindSchema>;

export const alertFormatSchema = z.enum(["generic", "slack", "teams"]).meta({
  description:
    "`generic`: Hearth's JSON (`AlertWebhookBody`), signed with `X-Hearth-Signature` when a secret is set. " +
    "`slack`: a Slack incoming webhook's `{text, blocks}`. `teams`: an Adaptive Card message, as a Teams " +
    "workflow (Power Automate) webhook takes it.",
});
export type AlertFormat = z.infer<typeof alertFormatSchema>;

export const alertStateSchema = z.enum(["firing", "resolved"]);
export type AlertState = z.infer<typeof alertStateSchema>;

/** Kinds judged per assistant (the others: per backend). */
export const ASSISTANT_ALERT_KINDS: readonly AlertKind[] = [
  "sla_compliance",
  "error_rate",
  "ingestion_failures",
  "queue_rejections",
];

/** What `threshold` means for each kind, and its bounds: the console's labels and the server's checks. */
export const alertThresholds: Record<AlertKind, { label: string; min: number; max: number; ratio: boolean }> =
  {
    backend_down: { label: "Seconds down", min: 1, max: 86_400, ratio: false },
    sla_compliance: { label: "Lowest compliance", min: 0.01, max: 1, ratio: true },
    error_rate: { label: "Highest error rate", min: 0.01, max: 1, ratio: true },
    ingestion_failures: { label: "Failed files", min: 1, max: 1_000_000, ratio: false },
    queue_rejections: { label: "Refused questions", min: 1, max: 1_000_000, ratio: false },
  };

/** What a rule of each kind starts with: the built-in rules, and the console's form for a new rule. */
export const alertRuleDefaults: Record<
  AlertKind,
  { name: string; threshold: number; window_seconds: number; min_samples: number }
> = {
  backend_down: { name: "Backend down", threshold: 60, window_seconds: 60, min_samples: 5 },
  sla_compliance: {
    name: "SLA compliance below target",
    threshold: 0.9,
    window_seconds: 900,
    min_samples: 10,
  },
  error_rate: { name: "High error rate", threshold: 0.2, window_seconds: 300, min_samples: 5 },
  ingestion_failures: { name: "Ingestion failures", threshold: 1, window_seconds: 900, min_samples: 5 },
  queue_rejections: {
    name: "Questions refused by admission control",
    threshold: 10,
    window_seconds: 300,
    min_samples: 5,
  },
};

/** Why a rule's fields do not fit its kind, as `{ path, message }`, or null. */
export function alertRuleProblem(
  kind: AlertKind,
  fields: { threshold: number; assistant_id: string | null; backend_id: string | null },
): { path: string; message: string } | null {
  const bounds = alertThresholds[kind];
  if (fields.threshold < bounds.min || fields.threshold > bounds.max) {
    return { path: "threshold", message: `must be between ${bounds.min} and ${bounds.max} for ${kind}` };
  }
  if (!bounds.ratio && !Number.isInteger(fields.threshold)) {
    return { path: "threshold", message: `must be a whole number for ${kind}` };
  }
  if (kind === "backend_down" && fields.assistant_id !== null) {
    return { path: "assistant_id", message: "backend_down rules are scoped to a backend, not an assistant" };
  }
  if (kind !== "backend_down" && fields.backend_id !== null) {
    return { path: "backend_id", message: `${kind} rules are scoped to an assistant, not a backend` };
  }
  return null;
}

const scopeId = z.string().trim().min(1).max(64);

const ruleFields = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean(),
  threshold: z.number().finite().meta({ description: "The limit; its meaning and bounds depend on `kind`." }),
  window_seconds: z.number().int().min(60).max(86_400).meta({
    description: "How far back rates and counts look, in seconds (60-86400; `backend_down` ignores it).",
  }),
  min_samples: z.number().int().min(1).max(100_000).meta({
    description: "Rates (`sla_compliance`, `error_rate`) are judged only over at least this many answers.",
  }),
  assistant_id: scopeId.nullable().meta({ description: "Only this assistant; null: every assistant." }),
  backend_id: scopeId
    .nullable()
    .meta({ description: "Only this backend (`backend_down`); null: every one." }),
};

export const alertRuleSchema = z
  .object({
    id: z.string(),
    object: z.literal("alert_rule"),
    kind: alertKindSchema,
    ...ruleFields,
    scope_name: z
      .string()
      .nullable()
      .meta({
        description:
          "The name of the assistant (`assistant_id`) or backend (`backend_id`) the rule is scoped to; null when " +
          "it watches every one, or when that assistant or backend no longer exists.",
      }),
    built_in: z
      .boolean()
      .meta({ description: "One of the rules Hearth starts with: editable, not deletable." }),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "AlertRule" });
export type AlertRuleDto = z.infer<typeof alertRuleSchema>;

export const alertRuleListSchema = z
  .object({ object: z.literal("list"), data: z.array(alertRuleSchema) })
  .meta({ id: "AlertRuleList" });

export const createAlertRuleInputSchema = z
  .strictObject({
    kind: alertKindSchema,
    name: ruleFields.name.optional().meta({ description: "Default: the built-in rule's name for the kind." }),
    enabled: ruleFields.enabled.optional(),
    threshold: ruleFields.threshold,
    window_seconds: ruleFields.window_seconds.optional(),
    min_samples: ruleFields.min_samples.optional(),
    assistant_id: ruleFields.assistant_id.optional(),
    backend_id: ruleFields.backend_id.optional(),
  })
  .meta({ id: "CreateAlertRule" });
export type CreateAlertRuleInput = z.infer<typeof createAlertRuleInputSchema>;

export const updateAlertRuleInputSchema = z
  .strictObject({
    name: ruleFields.name,
    enabled: ruleFields.enabled,
    threshold: ruleFields.threshold,
    window_seconds: ruleFields.window_seconds,
    min_samples: ruleFields.min_samples,
    assistant_id: ruleFields.assistant_id,
    backend_id: ruleFields.backend_id,
  })
  .partial()
  .meta({ id: "UpdateAlertRule", description: "The fields to change; the kind stays." });
export type UpdateAlertRuleInput = z.infer<typeof updateAlertRuleInputSchema>;

export const alertRuleIdParamsSchema = z.object({ rule_id: z.string().min(1).max(64) });
export const alertRuleDeletedSchema = deletedSchema("alert_rule.deleted").meta({ id: "AlertRuleDeleted" });

/** Why a webhook URL is refused by its shape, or null (where it may connect is checked on sending). */
export function webhookUrlProblem(value: string): string | null {
  if (!URL.canParse(value)) return "must be an http:// or https:// URL";
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http:// or https:// URL";
  if (!url.hostname) return "must name a host";
  if (url.username || url.password) return "must not contain a user or password";
  return null;
}

const webhookUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, context) => {
    const problem = webhookUrlProblem(value);
    if (problem) context.addIssue({ code: "custom", message: problem });
  })
  .meta({ description: "The webhook's URL (http or https). Stored sealed; only a preview is shown." });

const destinationFields = {
  name: z.string().trim().min(1).max(120),
  format: alertFormatSchema,
  url: webhookUrlSchema,
  secret: z.string().min(16).max(256).meta({
    description:
      "Signs the body: `X-Hearth-Signature: sha256=<hex HMAC-SHA256 of '<X-Hearth-Timestamp>.<body>'>`. Never shown.",
  }),
  enabled: z.boolean(),
};

export const alertDestinationSchema = z
  .object({
    id: z.string(),
    object: z.literal("alert_destination"),
    name: z.string(),
    format: alertFormatSchema,
    url_preview: z.string().meta({ description: "The URL's scheme and host, the rest elided." }),
    has_secret: z.boolean(),
    enabled: z.boolean(),
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "AlertDestination" });
export type AlertDestinationDto = z.infer<typeof alertDestinationSchema>;

export const alertDestinationListSchema = z
  .object({ object: z.literal("list"), data: z.array(alertDestinationSchema) })
  .meta({ id: "AlertDestinationList" });

export const createAlertDestinationInputSchema = z
  .strictObject({
    name: destinationFields.name,
    format: destinationFields.format,
    url: destinationFields.url,
    secret: destinationFields.secret.optional(),
    enabled: destinationFields.enabled.optional(),
  })
  .meta({ id: "CreateAlertDestination" });
export type CreateAlertDestinationInput = z.infer<typeof createAlertDestinationInputSchema>;

export const updateAlertDestinationInputSchema = z
  .strictObject({
    name: destinationFields.name,
    format: destinationFields.format,
    url: destinationFields.url,
    secret: destinationFields.secret.nullable().meta({ description: "A new secret; null removes it." }),
    enabled: destinationFields.enabled,
  })
  .partial()
  .meta({ id: "UpdateAlertDestination" });
export type UpdateAlertDestinationInput = z.infer<typeof updateAlertDestinationInputSchema>;

export const alertDestinationIdParamsSchema = z.object({ destination_id: z.string().min(1).max(64) });
export const alertDestinationDeletedSchema = deletedSchema("alert_destination.deleted").meta({
  id: "AlertDestinationDeleted",
});

export const alertEventSchema = z.enum(["firing", "resolved", "test"]);
export type AlertEvent = z.infer<typeof alertEventSchema>;

export const alertDeliverySchema = z
  .object({
    object: z.literal("alert_delivery"),
    destination_id: z.string().nullable().meta({ description: "null once the destination was deleted." }),
    destination_name: z.string(),
    event: alertEventSchema,
    ok: z.boolean().meta({ description: "The webhook answered 2xx (to the last attempt)." }),
    status_code: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The last attempt's HTTP status; null: no answer." }),
    error: z
      .string()
      .nullable()
      .meta({ description: "Why the last attempt failed, in an operator's words." }),
    duration_ms: z.number().int().meta({ description: "How long the last attempt took." }),
    attempts: z
      .number()
      .int()
      .min(1)
      .meta({
        description:
          "How many times it was posted. No answer, a 5xx or a 429 is tried again, up to 3 attempts, 1 s then " +
          "4 s apart (longer if Retry-After asks, up to 30 s); other answers are not. A test message is posted once.",
      }),
    next_attempt_at: timestampSchema
      .nullable()
      .meta({ description: "When it is to be posted again; null once delivered or given up." }),
    created_at: timestampSchema,
  })
  .meta({ id: "AlertDelivery" });
export type AlertDeliveryDto = z.infer<typeof alertDeliverySchema>;

export const alertSchema = z
  .object({
    id: z.string(),
    object: z.literal("alert"),
    rule_id: z.string(),
    rule_name: z.string(),
    kind: alertKindSchema,
    subject: z.string().meta({ description: "`backend:<id>` or `assistant:<id>`." }),
    subject_label: z.string().meta({ description: "The backend's or assistant's name." }),
    state: alertStateSchema,
    value: z.number().meta({ description: "The last value measured while firing (as `threshold`)." }),
    threshold: z.number(),
    message: z.string(),
    started_at: timestampSchema,
    last_seen_at: timestampSchema.meta({ description: "The last time a replica saw the condition hold." }),
    resolved_at: timestampSchema.nullable(),
    deliveries: z.array(alertDeliverySchema).meta({ description: "Its notifications, oldest first." }),
  })
  .meta({ id: "Alert" });
export type AlertDto = z.infer<typeof alertSchema>;

export const listAlertsQuerySchema = z
  .strictObject({
    state: alertStateSchema.optional().meta({ description: "Only firing or only resolved alerts." }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(50)
      .meta({ description: "At most this many, 1-200." }),
  })
  .meta({ id: "ListAlertsQuery" });
export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;

export const alertListSchema = z
  .object({ object: z.literal("list"), data: z.array(alertSchema) })
  .meta({ id: "AlertList", description: "Firing alerts first, then the most recent." });

/** The body of a `generic` webhook: a stable shape, documented in docs/alerts.md. */
export const alertWebhookBodySchema = z
  .object({
    object: z.literal("alert.event"),
    event: alertEventSchema,
    alert: alertSchema.omit({ object: true, deliveries: true }).nullable().meta({
      description: "The alert; null for a test message.",
    }),
    text: z.string().meta({ description: "A one-line summary." }),
    instance: z.string().meta({ description: "The Hearth instance's public URL." }),
    sent_at: timestampSchema,
  })
  .meta({ id: "AlertWebhookBody" });
export type AlertWebhookBody = z.infer<typeof alertWebhookBodySchema>;
