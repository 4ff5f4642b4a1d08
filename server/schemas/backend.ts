// Backend (model server) schemas for the admin API and the console. API keys go in, never out.
import { z } from "zod";
import { deletedSchema, timestampSchema } from "./common";

/**
 * The only environment variables a backend's `api_key_env` may name: a documented prefix, so that
 * no backend can be made to send one of Hearth's own settings (its secrets, the database URL).
 */
export const BACKEND_KEY_ENV_PREFIX = "HEARTH_BACKEND_KEY_";

/**
 * Why a base URL is refused, or null: http(s) only, a host, and nothing that changes where the
 * request goes or carries a secret (a user or password, a query that would swallow the
 * `/chat/completions` path, a fragment). Checked on the raw text too: `new URL` drops a bare `?`.
 */
export function baseUrlProblem(value: string): string | null {
  if (!URL.canParse(value)) return "must be an http:// or https:// URL";
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http:// or https:// URL";
  if (!url.hostname) return "must name a host";
  if (url.username || url.password || /^[a-z]+:\/\/[^/?#]*@/i.test(value))
    return "must not contain a user or password (send the key as api_key)";
  if (url.search || value.includes("?")) return "must not contain a query string";
  if (url.hash || value.includes("#")) return "must not contain a fragment";
  return null;
}

export const engineKindSchema = z.enum(["openai_compatible", "llama_cpp"]).meta({
  description:
    "`openai_compatible`: vLLM, llama.cpp server, Ollama, TGI... `llama_cpp`: a GGUF file in-process.",
});

export const backendStateSchema = z.enum(["healthy", "degraded", "draining", "down"]).meta({
  description:
    "`healthy`: serving. `degraded`: serving, but with recent failures, a high error rate, a nearly full " +
    "KV cache or slow first tokens; used after healthy backends. `draining`: no new requests, running ones " +
    "finish. `down`: ejected after consecutive failures; readmitted after consecutive passing probes.",
});

export const backendHealthSchema = z
  .object({
    state: backendStateSchema,
    reason: z.string(),
    since: timestampSchema.meta({ description: "When the backend entered this state." }),
    checked_at: timestampSchema.nullable().meta({ description: "The last active probe." }),
    probe_latency_ms: z.number().int().nullable(),
    consecutive_failures: z.number().int(),
    outstanding: z.number().int().meta({ description: "Requests holding a slot now (this replica)." }),
    queued: z
      .number()
      .int()
      .meta({ description: "Requests waiting for a slot on the backend's models (this replica)." }),
    error_rate: z.number().nullable().meta({ description: "Failed share of the last minute's requests." }),
    recent_requests: z.number().int(),
    ttft_ms: z.number().int().nullable().meta({ description: "Recent time to first token (smoothed)." }),
    rate_limited_until: timestampSchema
      .nullable()
      .meta({ description: "The backend answered 429: no new requests before this time." }),
    load: z
      .object({
        running: z.number().nullable(),
        waiting: z.number().nullable(),
        kv_cache_usage: z.number().nullable().meta({ description: "0..1" }),
      })
      .nullable()
      .meta({ description: "From the backend's own /metrics (vLLM); null where it has none." }),
  })
  .meta({
    id: "BackendHealth",
    description: "As seen by the replica that answered: each replica probes every backend itself.",
  });
export type BackendHealthDto = z.infer<typeof backendHealthSchema>;

const priceSchema = z.number().min(0).max(1_000_000).nullable();

export const backendPricesSchema = z
  .object({
    input_per_million: priceSchema.meta({ description: "USD per 1M prompt tokens." }),
    output_per_million: priceSchema.meta({
      description: "USD per 1M completion tokens (reasoning included).",
    }),
    gpu_hour: priceSchema.meta({
      description: "USD per hour on the backend (time from request to last token).",
    }),
  })
  .meta({
    id: "BackendPrices",
    description:
      "Optional prices that turn usage into cost (GET /admin/usage): they apply to exchanges answered after " +
      "they are set; null leaves that part unpriced.",
  });
export type BackendPrices = z.infer<typeof backendPricesSchema>;

export const backendSchema = z
  .object({
    id: z.string(),
    object: z.literal("backend"),
    name: z.string(),
    kind: engineKindSchema,
    base_url: z.string().nullable(),
    model_path: z.string().nullable(),
    models: z.array(z.string()),
    max_concurrency: z.number().int(),
    enabled: z.boolean(),
    draining: z.boolean().meta({ description: "Takes no new requests; running ones finish." }),
    probe_generation: z.boolean().meta({ description: "Health probes also run a one-token generation." }),
    health: backendHealthSchema.nullable().meta({ description: "Null while the backend is disabled." }),
    has_api_key: z.boolean().meta({ description: "Whether an API key is stored or referenced." }),
    api_key_env: z.string().nullable(),
    source: z.enum(["env", "admin"]).meta({ description: "`env`: seeded from the environment at start-up." }),
    prices: backendPricesSchema,
    created_at: timestampSchema,
    updated_at: timestampSchema,
  })
  .meta({ id: "Backend" });
export type BackendDto = z.infer<typeof backendSchema>;

const backendNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, "letters, digits, '.', '_' and '-'");

const backendFields = {
  name: backendNameSchema,
  kind: engineKindSchema,
  base_url: z
    .string()
    .max(2000)
    .superRefine((value, ctx) => {
      const problem = baseUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .nullable()
    .meta({
      description:
        "OpenAI-compatible base URL, usually ending in /v1: http or https, without a user, password, query " +
        "or fragment. Its host must be allowed by the instance's backend host allowlist.",
    }),
  model_path: z
    .string()
    .min(1)
    .max(1000)
    .nullable()
    .meta({
      description:
        "GGUF file (llama_cpp): a `.gguf` file inside the models folder (HEARTH_MODELS_DIR); a relative " +
        "path is taken from that folder.",
    }),
  models: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
  max_concurrency: z.number().int().min(1).max(10_000),
  enabled: z.boolean(),
  draining: z.boolean(),
  probe_generation: z.boolean(),
  api_key: z.string().min(1).max(4096).nullable().meta({ description: "Stored encrypted; null clears it." }),
  api_key_env: z
    .string()
    .max(200)
    .regex(
      new RegExp(`^${BACKEND_KEY_ENV_PREFIX}[A-Z0-9_]+$`),
      `must be an environment variable whose name starts with ${BACKEND_KEY_ENV_PREFIX} (e.g. ${BACKEND_KEY_ENV_PREFIX}VLLM)`,
    )
    .nullable()
    .meta({
      description:
        `Name of an environment variable holding the key, instead of storing it: only names starting with ` +
        `\`${BACKEND_KEY_ENV_PREFIX}\`. Setting or changing it needs an admin (users with the admin role, ` +
        `admin API keys, the master key).`,
    }),
  prices: backendPricesSchema,
};

export const createBackendInputSchema = z
  .strictObject(backendFields)
  .partial()
  .required({ name: true, kind: true, models: true })
  .meta({ id: "CreateBackendInput" });
export type CreateBackendInput = z.infer<typeof createBackendInputSchema>;

export const updateBackendInputSchema = z
  .strictObject(backendFields)
  .omit({ kind: true })
  .partial()
  .meta({ id: "UpdateBackendInput" });
export type UpdateBackendInput = z.infer<typeof updateBackendInputSchema>;

export const backendIdParamsSchema = z.object({ backend_id: z.string().min(1).max(64) });

export const backendListSchema = z
  .object({ object: z.literal("list"), data: z.array(backendSchema) })
  .meta({ id: "BackendList" });
export const backendDeletedSchema = deletedSchema("backend.deleted").meta({ id: "BackendDeleted" });

export const checkBackendInputSchema = z
  .strictObject({
    base_url: backendFields.base_url.unwrap().meta({ description: "The OpenAI-compatible base URL to try." }),
    api_key: z.string().min(1).max(4096).optional().meta({ description: "A key to send; not stored." }),
    backend_id: z.string().min(1).max(64).optional().meta({
      description:
        "An existing backend whose stored key (or key variable) to send when `api_key` is not given.",
    }),
  })
  .meta({ id: "CheckBackendInput" });
export type CheckBackendInput = z.infer<typeof checkBackendInputSchema>;

export const backendCheckSchema = z
  .object({
    object: z.literal("backend.check"),
    ok: z
      .boolean()
      .meta({ description: "Whether the server answered `GET {base_url}/models` with a model list." }),
    latency_ms: z.number().int().nullable(),
    models: z.array(z.string()).meta({ description: "The models it serves (`data[].id`), at most 200." }),
    error: z
      .string()
      .nullable()
      .meta({ description: "Why it failed: refused, unreachable, an HTTP status, a bad answer." }),
  })
  .meta({ id: "BackendCheck" });
export type BackendCheckDto = z.infer<typeof backendCheckSchema>;
