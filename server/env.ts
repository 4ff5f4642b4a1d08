// The one place that reads process.env. Every variable is validated here at start-up; a bad value
// stops the process with a message naming the variable. .env.example documents each of them.
import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { BACKEND_KEY_ENV_PREFIX } from "./schemas/backend";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

/** OTel's header list, `key=value,key2=value2` with URL-encoded values, as a record. */
const otlpHeaders = z.string().transform((value, context) => {
  const headers: Record<string, string> = {};
  for (const pair of value.split(",")) {
    if (!pair.trim()) continue;
    const at = pair.indexOf("=");
    const key = pair.slice(0, at).trim();
    if (at < 1 || !key) {
      context.addIssue({ code: "custom", message: "must be a list of key=value pairs" });
      return z.NEVER;
    }
    try {
      headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      context.addIssue({ code: "custom", message: `the value of ${key} is not URL-encoded` });
      return z.NEVER;
    }
  }
  return headers;
});

export type TrustedProxies = { kind: "hops"; hops: number } | { kind: "addresses"; addresses: string[] };

/**
 * HEARTH_TRUSTED_PROXIES: a number of proxy hops in front of Hearth, or a list of addresses,
 * CIDRs and the names `loopback`, `linklocal`, `uniquelocal` (proxy-addr's syntax).
 */
const trustedProxies = z.string().transform((value, context): TrustedProxies => {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return { kind: "hops", hops: Number(trimmed) };
  const addresses = trimmed
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    proxyaddr.compile(addresses);
  } catch (error) {
    context.addIssue({
      code: "custom",
      message: `must be a hop count or a list of addresses/CIDRs (${error instanceof Error ? error.message : "invalid"})`,
    });
    return z.NEVER;
  }
  return { kind: "addresses", addresses };
});

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    HEARTH_PUBLIC_URL: optionalUrl,
    HEARTH_DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
      .optional(),
    HEARTH_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
    // Set by the launcher when DATABASE_URL points at the embedded PGlite server (not by users).
    HEARTH_DB_EMBEDDED: booleanString.default(false),
    HEARTH_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    HEARTH_SECURE_COOKIES: booleanString.optional(),
    HEARTH_MASTER_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").max(128).optional(),
    HEARTH_TRUSTED_PROXIES: trustedProxies.optional(),
    HEARTH_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
    HEARTH_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    HEARTH_LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
    HEARTH_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    HEARTH_LLM_BASE_URL: optionalUrl,
    HEARTH_LLM_MODEL: z.string().min(1).optional(),
    HEARTH_LLM_API_KEY: z.string().min(1).optional(),
    HEARTH_LLM_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).optional(),
    HEARTH_LLAMA_MODEL_PATH: z.string().min(1).optional(),
    // The only folder admin-created llama_cpp backends may load GGUF files from (default <data dir>/models).
    HEARTH_MODELS_DIR: z.string().min(1).optional(),
    HEARTH_LLAMA_MODEL_NAME: z.string().min(1).optional(),
    HEARTH_LLAMA_THREADS: z.coerce.number().int().min(1).max(256).optional(),
    HEARTH_LLM_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
    HEARTH_LLM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    HEARTH_LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(600_000),
    // Gateway: health probes, admission control and failover (see services/gateway).
    HEARTH_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
    HEARTH_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).default(1_500),
    HEARTH_HEALTH_EJECT_AFTER: z.coerce.number().int().min(1).max(100).default(3),
    HEARTH_HEALTH_READMIT_AFTER: z.coerce.number().int().min(1).max(100).default(2),
    HEARTH_QUEUE_SIZE: z.coerce.number().int().min(0).max(100_000).default(256),
    HEARTH_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    HEARTH_FAILOVER_ATTEMPTS: z.coerce.number().int().min(0).max(10).default(2),
    HEARTH_SESSION_AFFINITY: booleanString.default(true),
    HEARTH_MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).max(1_000_000).default(32_000),
    HEARTH_HISTORY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(8_192),
    HEARTH_SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000),
    HEARTH_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    // SLA load tests: the URL the virtual users call (default: this server on loopback), and the
    // admin API key the `npm run loadtest` CLI sends.
    HEARTH_LOADTEST_TARGET_URL: optionalUrl,
    HEARTH_API_KEY: z.string().min(1).optional(),
    HEARTH_DEFAULT_MODEL: z.string().min(1).optional(),
    HEARTH_LANCEDB_URI: z.string().min(1).optional(),
    HEARTH_MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024),
    HEARTH_MAX_UPLOAD_FILES: z.coerce.number().int().min(1).max(1000).default(20),
    HEARTH_MAX_DECOMPRESSED_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(256 * 1024 * 1024),
    HEARTH_MAX_COMPRESSION_RATIO: z.coerce.number().min(1).default(100),
    HEARTH_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
    HEARTH_PARSE_MAX_MEMORY_MB: z.coerce.number().int().min(256).max(65_536).default(512),
    HEARTH_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
    HEARTH_EMBEDDINGS_PROVIDER: z.enum(["hash", "openai_compatible", "llama_cpp"]).default("hash"),
    HEARTH_EMBEDDINGS_BASE_URL: optionalUrl,
    HEARTH_EMBEDDINGS_MODEL: z.string().min(1).optional(),
    HEARTH_EMBEDDINGS_API_KEY: z.string().min(1).optional(),
    HEARTH_EMBEDDINGS_MODEL_PATH: z.string().min(1).optional(),
    HEARTH_EMBEDDINGS_DIMENSION: z.coerce.number().int().min(16).max(8192).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // OpenTelemetry traces, with the standard OTel variables: exported over OTLP/HTTP when the
    // endpoint is set (e.g. http://collector:4318); unset, no SDK is loaded.
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders.optional(),
    OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(["http/protobuf", "http/json"]).default("http/protobuf"),
    OTEL_SERVICE_NAME: z.string().min(1).default("hearth"),
    // Next's output folder (next.config.ts): the launcher looks for the production build there.
    NEXT_DIST_DIR: z.string().min(1).default(".next"),
    HEARTH_BUILD_COMMIT: z.string().optional(),
    HEARTH_BUILD_TIME: z.string().optional(),
  })
  .refine((value) => !value.ADMIN_EMAIL === !value.ADMIN_PASSWORD, {
    message: "ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
    path: ["ADMIN_PASSWORD"],
  })
  .refine(
    (value) =>
      value.HEARTH_EMBEDDINGS_PROVIDER !== "openai_compatible" ||
      (value.HEARTH_EMBEDDINGS_BASE_URL && value.HEARTH_EMBEDDINGS_MODEL),
    {
      message: "the openai_compatible provider needs HEARTH_EMBEDDINGS_BASE_URL and HEARTH_EMBEDDINGS_MODEL",
      path: ["HEARTH_EMBEDDINGS_PROVIDER"],
    },
  )
  .refine((value) => value.HEARTH_EMBEDDINGS_PROVIDER !== "llama_cpp" || value.HEARTH_EMBEDDINGS_MODEL_PATH, {
    message: "the llama_cpp provider needs HEARTH_EMBEDDINGS_MODEL_PATH",
    path: ["HEARTH_EMBEDDINGS_PROVIDER"],
  });

export type Env = ReturnType<typeof withDerived>;

export class EnvError extends Error {
  override name = "EnvError";
}

function withDerived(raw: z.infer<typeof envSchema>) {
  return {
    ...raw,
    dataDir: path.resolve(raw.HEARTH_DATA_DIR),
    publicUrl: raw.HEARTH_PUBLIC_URL ?? `http://localhost:${raw.PORT}`,
    trustedProxies: raw.HEARTH_TRUSTED_PROXIES ?? { kind: "addresses", addresses: [] },
    secureCookies: raw.HEARTH_SECURE_COOKIES ?? raw.NODE_ENV === "production",
    defaultModel: raw.HEARTH_DEFAULT_MODEL ?? raw.HEARTH_LLM_MODEL ?? "gpt-oss-20b",
    lancedbUri: raw.HEARTH_LANCEDB_URI ?? path.join(path.resolve(raw.HEARTH_DATA_DIR), "lancedb"),
    modelsDir: path.resolve(raw.HEARTH_MODELS_DIR ?? path.join(raw.HEARTH_DATA_DIR, "models")),
    /**
     * A variable a backend's api_key_env names. Only HEARTH_BACKEND_KEY_* names are read, never one
     * of Hearth's own settings: whoever may configure a backend must not be able to send them out.
     */
    extra: (name: string): string | null => {
      if (!name.startsWith(BACKEND_KEY_ENV_PREFIX) || name in envSchema.shape) {
        throw new Error(`Only ${BACKEND_KEY_ENV_PREFIX}* variables may be read by name`);
      }
      return process.env[name] || null;
    },
  };
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`,
    );
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return withDerived(result.data);
}

export const env: Env = parseEnv({
  ...process.env,
  // Inlined by next.config.ts at build time; read by name so the bundler can replace them.
  HEARTH_BUILD_COMMIT: process.env.HEARTH_BUILD_COMMIT,
  HEARTH_BUILD_TIME: process.env.HEARTH_BUILD_TIME,
});
