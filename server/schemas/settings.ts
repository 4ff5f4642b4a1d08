// Settings schemas: the instance settings an admin edits in the console (stored in the database),
// and the deployment's configuration as read from the environment (shown, never edited, no secrets).
import { z } from "zod";
import { backendAllowedHostsSchema } from "./backend-allowlist";
import { auditRetentionDaysSchema } from "./audit";
import { timestampSchema } from "./common";

/**
 * Where websites load the widget from: an origin (scheme, host, optional port), because the loader
 * opens its chat at `<origin>/embed/...`. Stored without a trailing slash.
 */
export const publicBaseUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(2000)
  .superRefine((value, ctx) => {
    if (!URL.canParse(value)) return; // Already reported by the URL check (refinements still run).
    const url = new URL(value);
    if (url.username || url.password)
      ctx.addIssue({ code: "custom", message: "must not hold a user or password" });
    if (url.pathname !== "/" || url.search || url.hash) {
      ctx.addIssue({
        code: "custom",
        message: "must be an origin only (e.g. https://chat.example.com), without a path, query or fragment",
      });
    }
  })
  .transform((value) => new URL(value).origin);

export const defaultModelSchema = z.string().trim().min(1).max(200);
export const defaultSlaAvgMsSchema = z.number().int().min(1).max(3_600_000);

const instanceValuesShape = {
  public_base_url: z.string().meta({ description: "The URL the widget snippet loads from." }),
  default_model: z.string().meta({ description: "The model of new assistants that name none." }),
  default_sla_avg_ms: z
    .number()
    .int()
    .meta({ description: "The SLA average response time of new assistants that set none." }),
};

export const instanceSettingsSchema = z
  .object({
    public_base_url: z.string().nullable(),
    default_model: z.string().nullable(),
    default_sla_avg_ms: z.number().int().nullable(),
    effective: z
      .object(instanceValuesShape)
      .meta({ description: "The values in force: the stored ones, or the environment's defaults." }),
    defaults: z
      .object(instanceValuesShape)
      .meta({ description: "What applies when a setting is null (from the environment)." }),
    backend_allowed_hosts: z.array(z.string()).meta({
      description:
        "Where backends added in the console or the API may connect (see UpdateInstanceSettings). Admins " +
        "change it.",
    }),
    audit_retention_days: z.number().int().meta({
      description: "Days an audit event is kept; older ones are deleted within the hour (default 365).",
    }),
    updated_at: timestampSchema.nullable(),
  })
  .meta({ id: "InstanceSettings" });
export type InstanceSettingsDto = z.infer<typeof instanceSettingsSchema>;

/** A partial update: a field left out keeps its value; `null` returns it to the environment's default. */
export const updateInstanceSettingsInputSchema = z.strictObject({
  public_base_url: publicBaseUrlSchema.nullable().optional(),
  default_model: defaultModelSchema.nullable().optional(),
  default_sla_avg_ms: defaultSlaAvgMsSchema.nullable().optional(),
  /** null: back to the default, ["loopback", "private"]. */
  backend_allowed_hosts: backendAllowedHostsSchema.nullable().optional(),
  /** null: back to the default, 365 days. */
  audit_retention_days: auditRetentionDaysSchema.nullable().optional(),
});
export type UpdateInstanceSettingsInput = z.infer<typeof updateInstanceSettingsInputSchema>;

/** The deployment's configuration (environment variables and derived values), credentials left out. */
export const deploymentInfoSchema = z.object({
  version: z.object({
    version: z.string(),
    commit: z.string().nullable(),
    build_time: z.string().nullable(),
    node: z.string(),
  }),
  public_url: z.string().meta({ description: "HEARTH_PUBLIC_URL: sign-in cookies and origin checks." }),
  database: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("pglite"), location: z.string() }),
    z.object({
      kind: z.literal("postgresql"),
      host: z.string(),
      port: z.number().int().nullable(),
      database: z.string().nullable(),
      pool_size: z.number().int(),
    }),
  ]),
  data_dir: z.string(),
  lancedb_uri: z.string(),
  embeddings: z.object({
    provider: z.enum(["hash", "openai_compatible", "llama_cpp"]),
    model: z.string(),
    dimension: z.number().int().nullable().meta({ description: "null: as the model answers." }),
    base_url: z.string().nullable(),
  }),
  uploads: z.object({
    max_file_bytes: z.number().int(),
    max_files: z.number().int(),
    max_body_bytes: z.number().int(),
    max_decompressed_bytes: z.number().int(),
    max_compression_ratio: z.number(),
    parse_timeout_ms: z.number().int(),
    ingest_concurrency: z.number().int(),
  }),
  runtime: z.object({
    connect_timeout_ms: z.number().int(),
    first_token_timeout_ms: z.number().int(),
    idle_timeout_ms: z.number().int(),
    total_timeout_ms: z.number().int(),
    max_message_chars: z.number().int(),
    history_token_budget: z.number().int(),
    sse_heartbeat_ms: z.number().int(),
  }),
  security: z.object({
    metrics_token_set: z.boolean(),
    master_key_set: z.boolean(),
    secure_cookies: z.boolean(),
    login_rate_limit: z.number().int(),
  }),
});
export type DeploymentInfo = z.infer<typeof deploymentInfoSchema>;
