// The one place that reads process.env. Every variable is validated here at start-up; a bad value
// stops the process with a message naming the variable. Each variable is also documented here,
// once, in the `envDocs` registry: `npm run docs:config` writes .env.example and
// docs/configuration.md from it (server/env-docs.ts), and a test fails when the committed files
// differ from what it writes.
import path from "node:path";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { BACKEND_KEY_ENV_PREFIX } from "./schemas/backend";
import { allowlistEntryProblem } from "./schemas/backend-allowlist";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

/** A new schema per variable: each carries its own documentation (`.register` does not copy). */
const optionalUrl = () => z.url({ protocol: /^https?$/ }).optional();

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

/** A comma-separated host list in the backend allowlist's grammar (schemas/backend-allowlist.ts). */
const hostList = z.string().transform((value, context) => {
  const entries = value
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const entry of entries) {
    const problem = allowlistEntryProblem(entry);
    if (problem) {
      context.addIssue({ code: "custom", message: `'${entry}' ${problem}` });
      return z.NEVER;
    }
  }
  return entries;
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

/**
 * The groups of the configuration reference and of .env.example, in their order there, each with
 * the page of docs/ that explains its part of Hearth.
 */
export const envGroups = {
  server: { title: "Server", guide: "deployment.md" },
  data: { title: "Data", guide: "deployment.md" },
  storage: { title: "Object storage (files and vectors on S3)", guide: "deployment.md" },
  access: { title: "Sign-in and access", guide: "../SECURITY.md" },
  models: { title: "Models", guide: "gateway.md" },
  gateway: { title: "Gateway: health, admission control, failover", guide: "gateway.md" },
  chat: { title: "Chat", guide: "api.md" },
  knowledge: { title: "Knowledge", guide: "knowledge.md" },
  observability: { title: "Observability", guide: "observability.md" },
  loadtest: { title: "SLA load tests", guide: "observability.md" },
} as const;

export type EnvGroup = keyof typeof envGroups;

/** What the documentation says of one variable. */
export interface EnvVarDoc {
  group: EnvGroup;
  /** What it does, for operators: a sentence or three, with `code` in backticks. */
  description: string;
  /** The default in words, when the schema has none of its own (derived, generated, someone else's). */
  default?: string;
  /** A value for .env.example (commented out) where the default alone would not show the format. */
  example?: string;
  /** .env.example sets it, uncommented, to its default. */
  set?: boolean;
  /** Set by the launcher or the build, not by people: kept out of .env.example. */
  internal?: boolean;
}

/** Every variable's documentation; env-docs.test.ts fails when one has none. */
export const envDocs = z.registry<EnvVarDoc>();

export const envSchema = z
  .object({
    NODE_ENV: z
      .enum(["development", "production", "test"])
      .default("development")
      .register(envDocs, {
        group: "server",
        description:
          "Set by Next.js: `production` under `npm start`, `development` under `npm run dev`. With " +
          "`HEARTH_SECURE_COOKIES` unset, production makes session cookies Secure.",
        default: "set by Next.js",
        example: "production",
      }),
    PORT: z.coerce
      .number()
      .int()
      .min(1)
      .max(65535)
      .default(3000)
      .register(envDocs, { group: "server", description: "HTTP port.", set: true }),
    HOST: z.string().min(1).default("127.0.0.1").register(envDocs, {
      group: "server",
      description:
        "Interface to listen on: `127.0.0.1` keeps Hearth private to this machine, `0.0.0.0` serves the network.",
      set: true,
    }),
    HEARTH_KEEP_ALIVE_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(600_000)
      .default(65_000)
      .register(envDocs, {
        group: "server",
        description:
          "How long an idle keep-alive connection stays open, in milliseconds. Longer than the idle timeout of the " +
          "proxy or load balancer in front (60 s for AWS ALB and many others), so that the server never closes a " +
          "connection the proxy is sending a request on (a `502` or `ECONNRESET` for that request).",
        set: true,
      }),
    HEARTH_SHUTDOWN_GRACE_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(3_600_000)
      .default(30_000)
      .register(envDocs, {
        group: "server",
        description:
          "On SIGTERM, how long running answers may take to finish, in milliseconds. Readiness answers `503` at " +
          "once and new questions are refused; answers still running at the end stop with an `error` event. Give " +
          "the orchestrator's kill timeout (Kubernetes' `terminationGracePeriodSeconds`) 10 s more.",
        set: true,
      }),
    HEARTH_PUBLIC_URL: optionalUrl().register(envDocs, {
      group: "server",
      description:
        "The URL people use to reach Hearth: sign-in cookies and origin checks follow it, and so do widget " +
        "snippets unless an admin sets the console's Public base URL.",
      default: "`http://localhost:$PORT`",
      example: "http://localhost:3000",
    }),
    HEARTH_DATA_DIR: z
      .string()
      .min(1)
      .default("./data")
      .register(envDocs, {
        group: "data",
        description:
          "The embedded database, the generated secrets, knowledge files, vectors and local models. Protect it " +
          "like the keys it holds.",
        set: true,
      }),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
      .optional()
      .register(envDocs, {
        group: "data",
        description:
          "A PostgreSQL server. Unset: the embedded database (PGlite) under `$HEARTH_DATA_DIR/pglite`, on a " +
          "loopback port that asks for the password kept in `$HEARTH_DATA_DIR/pglite-password` (made once). " +
          "Several replicas need a PostgreSQL server.",
        default: "the embedded PGlite",
        example: "postgresql://hearth:secret@db.internal:5432/hearth",
      }),
    HEARTH_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8).register(envDocs, {
      group: "data",
      description: "Connections each process opens to a PostgreSQL server (the embedded database takes one).",
      set: true,
    }),
    HEARTH_DB_EMBEDDED: booleanString.default(false).register(envDocs, {
      group: "data",
      description: "Set by the launcher when `DATABASE_URL` points at the embedded PGlite server.",
      internal: true,
    }),
    HEARTH_AUTH_SECRET: z
      .string()
      .min(32, "must be at least 32 characters")
      .optional()
      .register(envDocs, {
        group: "access",
        description:
          "Signs console sessions and widget tokens and encrypts stored backend keys (32+ characters). Unset: " +
          "generated once into `$HEARTH_DATA_DIR/auth-secret`. Set the same value on every replica.",
        default: "generated in the data directory",
      }),
    HEARTH_SECURE_COOKIES: booleanString.optional().register(envDocs, {
      group: "access",
      description:
        "The session cookie's Secure flag (HTTPS only), and HSTS with it. Browsers accept Secure cookies on " +
        "`http://localhost`; set `false` only to serve the console over plain HTTP to other machines.",
      default: "`true` in production",
      example: "true",
    }),
    HEARTH_MASTER_KEY: z
      .string()
      .min(32, "must be at least 32 characters")
      .optional()
      .register(envDocs, {
        group: "access",
        description:
          "An admin API key from the environment, for automation (32+ characters): what an admin does through " +
          "the `/admin` API, except console users and settings.",
      }),
    ADMIN_EMAIL: z
      .email()
      .optional()
      .register(envDocs, {
        group: "access",
        description:
          "The first admin, created at start-up when the database has no user yet (set both or neither). " +
          "Without them, the console opens a one-time setup page.",
        example: "admin@example.com",
      }),
    ADMIN_PASSWORD: z
      .string()
      .min(12, "must be at least 12 characters")
      .max(128)
      .optional()
      .register(envDocs, {
        group: "access",
        description:
          "The first admin's password: 12-128 characters that pass the strength check (a weak one creates no " +
          "admin; the log says why and the setup page opens).",
        example: "a-long-passphrase-not-on-any-list",
      }),
    HEARTH_TRUSTED_PROXIES: trustedProxies.optional().register(envDocs, {
      group: "access",
      description:
        "Reverse proxies whose `X-Forwarded-For` (and `X-Forwarded-Host`) is believed: addresses, CIDRs and " +
        "the names `loopback`, `linklocal`, `uniquelocal`, or a hop count such as `1`. Every limit and the " +
        "audit log use the client address resolved through them; with none, it is the socket's peer.",
      default: "none",
      example: "loopback",
    }),
    HEARTH_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10).register(envDocs, {
      group: "access",
      description: "Sign-in attempts per minute from one client address, whatever the accounts.",
      set: true,
    }),
    HEARTH_LOGIN_MAX_FAILURES: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(5)
      .register(envDocs, {
        group: "access",
        description:
          "Sign-in attempts to one account from one address, per 15 minutes, that did not succeed (a success " +
          "clears them).",
        set: true,
      }),
    HEARTH_LOGIN_ACCOUNT_MAX_FAILURES: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(50)
      .register(envDocs, {
        group: "access",
        description:
          "Sign-in attempts to one account per hour from addresses that never signed in to it: many addresses " +
          "guessing together are stopped while the owner's own addresses still get in.",
        set: true,
      }),
    HEARTH_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576).register(envDocs, {
      group: "server",
      description:
        "Largest JSON request body, in bytes (REST and the console's tRPC calls); larger is a `413`.",
      set: true,
    }),
    HEARTH_LLM_BASE_URL: optionalUrl().register(envDocs, {
      group: "models",
      description:
        "A vLLM sidecar, or any OpenAI-compatible server, registered as the backend `env-llm` and kept in step " +
        "with this variable at every start.",
      example: "http://127.0.0.1:8000/v1",
    }),
    HEARTH_LLM_MODEL: z.string().min(1).optional().register(envDocs, {
      group: "models",
      description: "The model name the sidecar serves (vLLM's `--served-model-name`).",
      default: "`HEARTH_DEFAULT_MODEL`, else `gpt-oss-20b`",
      example: "gpt-oss-20b",
    }),
    HEARTH_LLM_API_KEY: z.string().min(1).optional().register(envDocs, {
      group: "models",
      description: "An API key for the sidecar, if it requires one (vLLM's `--api-key`).",
    }),
    HEARTH_LLM_MAX_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .register(envDocs, {
        group: "models",
        description:
          "Requests Hearth sends the sidecar at once: match vLLM's `--max-num-seqs` (divided by the number of " +
          "replicas). Set, it is applied at every start; unset, the backend starts at 16 and the console may " +
          "change it.",
        default: "`16`",
      }),
    HEARTH_DEFAULT_MODEL: z.string().min(1).optional().register(envDocs, {
      group: "models",
      description:
        "The model of new assistants that name none, unless an admin sets the console's Default model.",
      default: "`HEARTH_LLM_MODEL`, else `gpt-oss-20b`",
    }),
    HEARTH_LLAMA_MODEL_PATH: z.string().min(1).optional().register(envDocs, {
      group: "models",
      description:
        "A GGUF model run in-process by llama.cpp (node-llama-cpp), registered as the backend `env-llama`.",
      example: "/models/gpt-oss-20b-Q4_K_M.gguf",
    }),
    HEARTH_MODELS_DIR: z
      .string()
      .min(1)
      .optional()
      .register(envDocs, {
        group: "models",
        description:
          "The only folder `llama_cpp` backends added in the console or the API may load `.gguf` files from " +
          "(symlinks are followed and must stay inside it). `HEARTH_LLAMA_MODEL_PATH` is exempt.",
        default: "`$HEARTH_DATA_DIR/models`",
        example: "./data/models",
      }),
    HEARTH_LLAMA_MODEL_NAME: z.string().min(1).optional().register(envDocs, {
      group: "models",
      description: "The model name the in-process GGUF serves.",
      default: "the file name without `.gguf`",
    }),
    HEARTH_LLAMA_THREADS: z.coerce.number().int().min(1).max(256).optional().register(envDocs, {
      group: "models",
      description: "CPU threads for llama.cpp (generation and GGUF embeddings).",
      default: "the cores llama.cpp finds useful for math",
    }),
    HEARTH_LLM_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000).register(envDocs, {
      group: "models",
      description: "Connecting to a model backend, in milliseconds.",
      set: true,
    }),
    HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000).register(envDocs, {
      group: "models",
      description: "Waiting for a backend's first token, in milliseconds (`504 UPSTREAM_TIMEOUT` past it).",
      set: true,
    }),
    HEARTH_LLM_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000).register(envDocs, {
      group: "models",
      description: "A stall between two chunks of an answer, in milliseconds.",
      set: true,
    }),
    HEARTH_LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(600_000).register(envDocs, {
      group: "models",
      description: "A whole generation, in milliseconds.",
      set: true,
    }),
    HEARTH_HEALTH_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(2_000)
      .register(envDocs, {
        group: "gateway",
        description:
          "How often each replica probes every enabled backend, in milliseconds, while it has traffic or a backend is " +
          "not healthy. With no traffic and every backend healthy the rounds space out, doubling up to 8 times this " +
          "(16 s at the default); a request, a read of backend health or a failed probe brings this interval back.",
        set: true,
      }),
    HEARTH_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).default(1_500).register(envDocs, {
      group: "gateway",
      description: "How long one probe may take, in milliseconds.",
      set: true,
    }),
    HEARTH_HEALTH_EJECT_AFTER: z.coerce.number().int().min(1).max(100).default(3).register(envDocs, {
      group: "gateway",
      description: "Consecutive failures, of probes or requests, that mark a backend down.",
      set: true,
    }),
    HEARTH_HEALTH_READMIT_AFTER: z.coerce.number().int().min(1).max(100).default(2).register(envDocs, {
      group: "gateway",
      description: "Consecutive passing probes that bring a down backend back.",
      set: true,
    }),
    HEARTH_QUEUE_SIZE: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(256)
      .register(envDocs, {
        group: "gateway",
        description:
          "Requests that may wait, per model, for a backend with a free slot; one more is a `429` with " +
          "`Retry-After`.",
        set: true,
      }),
    HEARTH_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000).register(envDocs, {
      group: "gateway",
      description: "How long a request may wait in that queue, in milliseconds, before its `429`.",
      set: true,
    }),
    HEARTH_ADMISSION_SCOPE: z
      .enum(["cluster", "replica"])
      .optional()
      .register(envDocs, {
        group: "gateway",
        description:
          "Whose requests count against a backend's `max_concurrency`: `cluster` (every replica's together: slots " +
          "and queues shared in PostgreSQL) or `replica` (each process its own). Unset: `cluster` on a PostgreSQL " +
          "server, `replica` on the embedded database (one process).",
        default: "`cluster` with `DATABASE_URL`, else `replica`",
      }),
    HEARTH_FAILOVER_ATTEMPTS: z.coerce.number().int().min(0).max(10).default(2).register(envDocs, {
      group: "gateway",
      description: "Other backends tried after a failure before the first token.",
      set: true,
    }),
    HEARTH_SESSION_AFFINITY: booleanString.default(true).register(envDocs, {
      group: "gateway",
      description:
        "Keep a session on the backend that answered it while that backend has room and is at most one request " +
        "busier than the least loaded, so vLLM's prefix cache keeps its earlier turns.",
      set: true,
    }),
    HEARTH_MAX_MESSAGE_CHARS: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(32_000)
      .register(envDocs, {
        group: "chat",
        description: "Longest question accepted, in characters.",
        set: true,
      }),
    HEARTH_HISTORY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(8_192).register(envDocs, {
      group: "chat",
      description:
        "Tokens of earlier turns put in the prompt (o200k tokenizer); the oldest turns are dropped first.",
      set: true,
    }),
    HEARTH_SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(15_000).register(envDocs, {
      group: "chat",
      description: "Interval of the `: heartbeat` comment on event streams, in milliseconds.",
      set: true,
    }),
    HEARTH_METRICS_TOKEN: z
      .string()
      .min(16, "must be at least 16 characters")
      .optional()
      .register(envDocs, {
        group: "observability",
        description:
          "When set, `GET /metrics` requires `Authorization: Bearer <token>` (Prometheus' `authorization` " +
          "setting); unset, `/metrics` is public.",
      }),
    HEARTH_LOADTEST_TARGET_URL: optionalUrl().register(envDocs, {
      group: "loadtest",
      description:
        "The base URL the virtual users of a load test call. Set it to the public URL to measure the reverse " +
        "proxy too.",
      default: "this server on loopback, `http://$HOST:$PORT`",
    }),
    HEARTH_API_KEY: z.string().min(1).optional().register(envDocs, {
      group: "loadtest",
      description: "The admin API key `npm run loadtest` sends (or pass `--key`).",
    }),
    HEARTH_LANCEDB_URI: z.string().min(1).optional().register(envDocs, {
      group: "knowledge",
      description:
        "Where LanceDB keeps vectors and full-text indexes: a local folder, or `s3://bucket/prefix`.",
      default: "`$HEARTH_DATA_DIR/lancedb`",
      example: "./data/lancedb",
    }),
    HEARTH_STORAGE_URI: z
      .string()
      .regex(
        /^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?|[^:]+)$/,
        "must be a folder or s3://bucket/prefix",
      )
      .optional()
      .register(envDocs, {
        group: "storage",
        description:
          "Where the bytes of knowledge files live: a folder, or `s3://bucket/prefix` on any S3-compatible store " +
          "(credentials and endpoint from the `AWS_*` variables below). Several replicas need a store they all " +
          "reach: S3, or one shared folder.",
        default: "`$HEARTH_DATA_DIR/files`",
        example: "s3://hearth/files",
      }),
    AWS_ACCESS_KEY_ID: z
      .string()
      .min(1)
      .optional()
      .register(envDocs, {
        group: "storage",
        description:
          "Access key for `s3://` storage (files and LanceDB). Unset: the AWS SDK's default chain (instance or " +
          "pod role, `~/.aws`).",
      }),
    AWS_SECRET_ACCESS_KEY: z.string().min(1).optional().register(envDocs, {
      group: "storage",
      description: "The secret of `AWS_ACCESS_KEY_ID`.",
    }),
    AWS_SESSION_TOKEN: z.string().min(1).optional().register(envDocs, {
      group: "storage",
      description: "A session token, with temporary credentials.",
    }),
    AWS_REGION: z.string().min(1).optional().register(envDocs, {
      group: "storage",
      description: "The bucket's region. Most S3-compatible servers accept any value, e.g. `us-east-1`.",
      default: "`us-east-1`",
    }),
    AWS_ENDPOINT_URL_S3: optionalUrl().register(envDocs, {
      group: "storage",
      description: "An S3-compatible server (MinIO, Ceph, Garage, SeaweedFS, ...) instead of AWS.",
      example: "http://127.0.0.1:9000",
    }),
    AWS_ENDPOINT_URL: optionalUrl().register(envDocs, {
      group: "storage",
      description: "The endpoint for every AWS service; `AWS_ENDPOINT_URL_S3` takes precedence for S3.",
    }),
    HEARTH_S3_FORCE_PATH_STYLE: booleanString.optional().register(envDocs, {
      group: "storage",
      description:
        "Address buckets as `endpoint/bucket` rather than `bucket.endpoint`. Unset: path style with a custom " +
        "endpoint (what most S3-compatible servers need), virtual-hosted style on AWS.",
    }),
    AWS_ALLOW_HTTP: booleanString.optional().register(envDocs, {
      group: "storage",
      description:
        "Lets LanceDB talk to an `http://` endpoint (it refuses plain HTTP otherwise). Unset: allowed when the " +
        "endpoint is `http://`.",
    }),
    HEARTH_MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024)
      .register(envDocs, {
        group: "knowledge",
        description: "Largest knowledge file accepted, in bytes.",
        set: true,
      }),
    HEARTH_MAX_UPLOAD_FILES: z.coerce.number().int().min(1).max(1000).default(20).register(envDocs, {
      group: "knowledge",
      description: "Most files in one upload.",
      set: true,
    }),
    HEARTH_MAX_DECOMPRESSED_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(256 * 1024 * 1024)
      .register(envDocs, {
        group: "knowledge",
        description:
          "Zip-bomb limit of DOCX and XLSX files: their largest total decompressed size, in bytes.",
        set: true,
      }),
    HEARTH_MAX_COMPRESSION_RATIO: z.coerce.number().min(1).default(100).register(envDocs, {
      group: "knowledge",
      description: "Zip-bomb limit of DOCX and XLSX files: their largest compression ratio.",
      set: true,
    }),
    HEARTH_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000).register(envDocs, {
      group: "knowledge",
      description: "A parser running longer, in milliseconds, is stopped and the file marked failed.",
      set: true,
    }),
    HEARTH_PARSE_MAX_MEMORY_MB: z.coerce
      .number()
      .int()
      .min(256)
      .max(65_536)
      .default(512)
      .register(envDocs, {
        group: "knowledge",
        description:
          "Memory (MB, resident) the process that reads one file may use; a file that needs more fails with " +
          "`too_complex` instead of taking the server down. The reader alone takes about 150 MB.",
        set: true,
      }),
    HEARTH_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1).register(envDocs, {
      group: "knowledge",
      description: "Files ingested at the same time by each process.",
      set: true,
    }),
    HEARTH_EMBEDDINGS_PROVIDER: z
      .enum(["hash", "openai_compatible", "llama_cpp"])
      .default("hash")
      .register(envDocs, {
        group: "knowledge",
        description:
          "`hash` (built in, offline, no model), `openai_compatible` (any `/v1/embeddings`: vLLM, TEI, " +
          "Ollama) or `llama_cpp` (a GGUF embedding model in-process). Changing the embedder re-indexes every " +
          "vector store at the next start.",
        set: true,
      }),
    HEARTH_EMBEDDINGS_BASE_URL: optionalUrl().register(envDocs, {
      group: "knowledge",
      description: "The OpenAI-compatible embeddings server (needed by `openai_compatible`).",
      example: "http://127.0.0.1:8001/v1",
    }),
    HEARTH_EMBEDDINGS_MODEL: z.string().min(1).optional().register(envDocs, {
      group: "knowledge",
      description: "The embedding model that server serves (needed by `openai_compatible`).",
      example: "BAAI/bge-m3",
    }),
    HEARTH_EMBEDDINGS_API_KEY: z.string().min(1).optional().register(envDocs, {
      group: "knowledge",
      description: "An API key for the embeddings server, if it requires one.",
    }),
    HEARTH_EMBEDDINGS_MODEL_PATH: z.string().min(1).optional().register(envDocs, {
      group: "knowledge",
      description: "A GGUF embedding model run in-process (needed by `llama_cpp`).",
      example: "/models/nomic-embed-text-v1.5.Q8_0.gguf",
    }),
    HEARTH_EMBEDDINGS_DIMENSION: z.coerce.number().int().min(16).max(8192).optional().register(envDocs, {
      group: "knowledge",
      description:
        "Vector size of the `hash` embedder, or of an OpenAI-compatible model that can shorten its vectors.",
      default: "`512` for `hash`; the model's own",
    }),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info")
      .register(envDocs, {
        group: "observability",
        description:
          "Level of the JSON log lines (pino) on stdout: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or " +
          "`silent`.",
        set: true,
      }),
    // OpenTelemetry traces, with the standard OTel variables.
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl().register(envDocs, {
      group: "observability",
      description:
        "An OTLP/HTTP collector: set, traces are on and spans go to `<endpoint>/v1/traces`; unset, no tracing " +
        "SDK is loaded.",
      example: "http://127.0.0.1:4318",
    }),
    OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders.optional().register(envDocs, {
      group: "observability",
      description: "Headers for the collector: `key=value` pairs separated by commas, values URL-encoded.",
      example: "authorization=Bearer%20change-me",
    }),
    OTEL_EXPORTER_OTLP_PROTOCOL: z
      .enum(["http/protobuf", "http/json"])
      .default("http/protobuf")
      .register(envDocs, {
        group: "observability",
        description: "`http/protobuf` or `http/json` (gRPC is not supported).",
      }),
    OTEL_SERVICE_NAME: z.string().min(1).default("hearth").register(envDocs, {
      group: "observability",
      description: "The `service.name` of the exported spans.",
    }),
    HEARTH_ALERT_INTERVAL_MS: z.coerce
      .number()
      .int()
      .min(500)
      .max(600_000)
      .default(15_000)
      .register(envDocs, {
        group: "observability",
        description:
          "How often each replica evaluates the alert rules, in milliseconds. A firing alert resolves once no " +
          "replica has seen its condition for two intervals.",
      }),
    HEARTH_ALERT_WEBHOOK_HOSTS: hostList.optional().register(envDocs, {
      group: "observability",
      description:
        "Private hosts alert webhooks may reach, comma-separated, in the backend allowlist's grammar (host " +
        "names, `*.domain`, addresses, CIDRs, `loopback`, `private`). Unset, webhooks go only to public " +
        "addresses; link-local addresses (cloud metadata) are refused whatever this says.",
      default: "none (public addresses only)",
      example: "alertmanager.internal,10.20.0.0/16",
    }),
    // Next's output folder (next.config.ts): the launcher looks for the production build there.
    NEXT_DIST_DIR: z
      .string()
      .min(1)
      .default(".next")
      .register(envDocs, {
        group: "server",
        description:
          "Next.js's build folder: `next build` writes it and the launcher serves it. Another folder lets a " +
          "second build sit beside the first.",
      }),
    HEARTH_BUILD_COMMIT: z.string().optional().register(envDocs, {
      group: "server",
      description: "The git commit of the build, written in by `next build` (`GET /version`).",
      internal: true,
    }),
    HEARTH_BUILD_TIME: z.string().optional().register(envDocs, {
      group: "server",
      description: "When the build was made, written in by `next build` (`GET /version`).",
      internal: true,
    }),
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
  })
  .refine((value) => !value.AWS_ACCESS_KEY_ID === !value.AWS_SECRET_ACCESS_KEY, {
    message: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY together",
    path: ["AWS_SECRET_ACCESS_KEY"],
  });

export type StorageLocation =
  { kind: "folder"; root: string } | { kind: "s3"; bucket: string; prefix: string };

/** `s3://bucket/prefix` or a folder (resolved), as HEARTH_STORAGE_URI gives it. */
function storageLocation(uri: string): StorageLocation {
  if (!uri.startsWith("s3://")) return { kind: "folder", root: path.resolve(uri) };
  const [bucket = "", ...rest] = uri.slice("s3://".length).split("/");
  return { kind: "s3", bucket, prefix: rest.filter(Boolean).join("/") };
}

export interface S3Settings {
  region: string;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  allowHttp: boolean;
  /** Explicit keys; undefined leaves credentials to the AWS SDK's default chain. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

/** One reading of the standard AWS variables, for the blob store and LanceDB alike. */
function s3Settings(raw: z.infer<typeof envSchema>): S3Settings {
  const endpoint = raw.AWS_ENDPOINT_URL_S3 ?? raw.AWS_ENDPOINT_URL;
  return {
    region: raw.AWS_REGION ?? "us-east-1",
    endpoint,
    forcePathStyle: raw.HEARTH_S3_FORCE_PATH_STYLE ?? endpoint !== undefined,
    allowHttp: raw.AWS_ALLOW_HTTP ?? endpoint?.startsWith("http://") ?? false,
    credentials:
      raw.AWS_ACCESS_KEY_ID && raw.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: raw.AWS_ACCESS_KEY_ID,
            secretAccessKey: raw.AWS_SECRET_ACCESS_KEY,
            ...(raw.AWS_SESSION_TOKEN ? { sessionToken: raw.AWS_SESSION_TOKEN } : {}),
          }
        : undefined,
  };
}

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
    admissionScope:
      raw.HEARTH_ADMISSION_SCOPE ?? (raw.HEARTH_DB_EMBEDDED || !raw.DATABASE_URL ? "replica" : "cluster"),
    storage: storageLocation(raw.HEARTH_STORAGE_URI ?? path.join(path.resolve(raw.HEARTH_DATA_DIR), "files")),
    s3: s3Settings(raw),

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
