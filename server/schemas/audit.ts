// Audit log schemas: one recorded change (who, when, from where, what, before/after with secrets
// redacted), the list's filters, the export, and the retention setting's bounds.
import { z } from "zod";
import { cursorSchema, dateBoundSchema, listSchema, timestampSchema } from "./common";

export const auditOutcomes = ["success", "failure"] as const;
export const auditOutcomeSchema = z.enum(auditOutcomes);

/** How long events are kept when the setting was never changed. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
export const auditRetentionDaysSchema = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .meta({ description: "Days an audit event is kept before it is deleted, 1-3650." });

export const auditEventSchema = z
  .object({
    id: z.string(),
    object: z.literal("audit_event"),
    created_at: timestampSchema,
    actor: z.string().meta({
      description:
        "Who acted: `user:<id>`, `api_key:<id>`, `master_key`, `widget:<assistant_id>` or `anonymous` " +
        "(a failed sign-in).",
    }),
    actor_label: z.string().meta({
      description:
        "The actor as people know it, as it was then: a user's e-mail, an API key's scope and id, the " +
        "e-mail typed in a failed sign-in. Empty when there is none.",
    }),
    action: z.string().meta({
      description:
        "What happened, `<target type>.<verb>`: `assistant.update`, `api_key.revoke`, `auth.sign_in`…",
    }),
    target_type: z.string().meta({ description: "The kind of object acted on: `assistant`, `backend`…" }),
    target_id: z.string().nullable().meta({ description: "Its id; null when the action has no one target." }),
    outcome: auditOutcomeSchema.meta({ description: "`failure` for refused attempts (a failed sign-in)." }),
    client_address: z
      .string()
      .nullable()
      .meta({ description: "The caller's IP address; null for changes made by Hearth itself." }),
    request_id: z
      .string()
      .nullable()
      .meta({ description: "The request's x-request-id, to find it in the logs and traces." }),
    changes: z.record(z.string(), z.unknown()).meta({
      description:
        "A summary of the change, usually `{ before, after }` with the fields that changed. Secrets " +
        '(passwords, keys, tokens) appear as `"[redacted]"`.',
    }),
  })
  .meta({ id: "AuditEvent" });
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export const auditEventListSchema = listSchema(auditEventSchema).meta({ id: "AuditEventList" });

export const actionFilterSchema = z
  .string()
  .trim()
  .max(100)
  .regex(/^(?:[a-z0-9_.]+\*?|\*)$/, {
    error: "must be an action such as assistant.update, or a prefix ending in * such as assistant.*",
  })
  .meta({
    description:
      "Only this action (`assistant.update`), or the actions starting with a prefix written with a final " +
      "`*` (`assistant.*`, `auth.sign_in*`).",
  });

/** The filters shared by the list and the export. */
const auditFilterShape = {
  actor: z.string().trim().min(1).max(200).optional().meta({
    description: "Only this actor, exactly as in `actor` (`user:<id>`, `api_key:<id>`, `master_key`).",
  }),
  actor_label: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .optional()
    .meta({ description: "Only this actor label, e.g. a user's e-mail (exact, case-insensitive)." }),
  action: actionFilterSchema.optional(),
  target_type: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: "Only actions on this kind of object (`assistant`, `backend`, `user`…)." }),
  target_id: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Only actions on this object." }),
  outcome: auditOutcomeSchema.optional(),
  created_after: dateBoundSchema.optional().meta({
    description:
      "Only events at or after this time: an ISO 8601 date-time (`2026-05-01T08:00:00Z`, " +
      "`2026-05-01T10:00:00+02:00`) or a date (`2026-05-01`, midnight UTC).",
  }),
  created_before: dateBoundSchema.optional().meta({
    description:
      "Only events before this time (exclusive), in the same forms as `created_after`, which it must follow.",
  }),
};

const datesInOrder = {
  check: (query: { created_after?: Date; created_before?: Date }) =>
    !query.created_after || !query.created_before || query.created_after < query.created_before,
  issue: { path: ["created_before"], message: "must be later than created_after" },
};

export const listAuditEventsQuerySchema = z
  .strictObject({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(50)
      .meta({ description: "Page size, 1-200 (default 50)." }),
    cursor: cursorSchema,
    ...auditFilterShape,
  })
  .refine(datesInOrder.check, datesInOrder.issue);
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuerySchema>;
export type ListAuditEventsQueryInput = z.input<typeof listAuditEventsQuerySchema>;
export type AuditFilters = Omit<ListAuditEventsQuery, "limit" | "cursor">;

export const auditExportFormats = ["csv", "json"] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

export const exportAuditEventsQuerySchema = z
  .strictObject({
    format: z
      .enum(auditExportFormats)
      .default("csv")
      .meta({ description: "`csv` (default): one row per event; `json`: an array of AuditEvent objects." }),
    ...auditFilterShape,
  })
  .refine(datesInOrder.check, datesInOrder.issue);
export type ExportAuditEventsQuery = z.infer<typeof exportAuditEventsQuerySchema>;
