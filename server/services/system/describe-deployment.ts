// The deployment's configuration at a glance, for the console's Settings page. Everything here is
// read from the environment at start-up; credentials never leave it: the database is described by
// kind, host and name (no user or password), URLs lose their user, password and query, and secrets
// (master key, metrics token) are reported only as set or not.
import path from "node:path";
import { env } from "../../env";
import type { DeploymentInfo } from "../../schemas/settings";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { DEFAULT_HASH_DIMENSION, HASH_EMBEDDER_MODEL } from "../knowledge/embedding/hash-embedder";
import { getVersion } from "./get-version";

/** A URL or URI without credentials or query (which may carry keys, e.g. `?access_key=`). */
export function withoutCredentials(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value; // A plain path (a local folder).
  }
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/$/, "");
}

function describeDatabase(): DeploymentInfo["database"] {
  // The launcher serves the embedded database from <data dir>/pglite (server/cli/start.ts).
  if (env.HEARTH_DB_EMBEDDED || !env.DATABASE_URL) {
    return { kind: "pglite", location: path.join(env.dataDir, "pglite") };
  }
  const url = new URL(env.DATABASE_URL);
  return {
    kind: "postgresql",
    host: url.hostname,
    port: url.port ? Number(url.port) : null,
    database: decodeURIComponent(url.pathname.replace(/^\//, "")) || null,
    pool_size: env.HEARTH_DB_POOL_SIZE,
  };
}

function describeEmbeddings(): DeploymentInfo["embeddings"] {
  switch (env.HEARTH_EMBEDDINGS_PROVIDER) {
    case "hash":
      return {
        provider: "hash",
        model: HASH_EMBEDDER_MODEL,
        dimension: env.HEARTH_EMBEDDINGS_DIMENSION ?? DEFAULT_HASH_DIMENSION,
        base_url: null,
      };
    case "openai_compatible":
      return {
        provider: "openai_compatible",
        model: env.HEARTH_EMBEDDINGS_MODEL ?? "",
        dimension: env.HEARTH_EMBEDDINGS_DIMENSION ?? null,
        base_url: env.HEARTH_EMBEDDINGS_BASE_URL ? withoutCredentials(env.HEARTH_EMBEDDINGS_BASE_URL) : null,
      };
    case "llama_cpp":
      return {
        provider: "llama_cpp",
        model: path.basename(env.HEARTH_EMBEDDINGS_MODEL_PATH ?? ""),
        dimension: env.HEARTH_EMBEDDINGS_DIMENSION ?? null,
        base_url: null,
      };
  }
}

export function describeDeployment(actor: Actor): DeploymentInfo {
  authorize(actor, "settings:read");
  return {
    version: getVersion(),
    public_url: env.publicUrl,
    database: describeDatabase(),
    data_dir: env.dataDir,
    lancedb_uri: withoutCredentials(env.lancedbUri),
    embeddings: describeEmbeddings(),
    uploads: {
      max_file_bytes: env.HEARTH_MAX_UPLOAD_BYTES,
      max_files: env.HEARTH_MAX_UPLOAD_FILES,
      max_body_bytes: env.HEARTH_MAX_BODY_BYTES,
      max_decompressed_bytes: env.HEARTH_MAX_DECOMPRESSED_BYTES,
      max_compression_ratio: env.HEARTH_MAX_COMPRESSION_RATIO,
      parse_timeout_ms: env.HEARTH_PARSE_TIMEOUT_MS,
      ingest_concurrency: env.HEARTH_INGEST_CONCURRENCY,
    },
    runtime: {
      connect_timeout_ms: env.HEARTH_LLM_CONNECT_TIMEOUT_MS,
      first_token_timeout_ms: env.HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS,
      idle_timeout_ms: env.HEARTH_LLM_IDLE_TIMEOUT_MS,
      total_timeout_ms: env.HEARTH_LLM_TOTAL_TIMEOUT_MS,
      max_message_chars: env.HEARTH_MAX_MESSAGE_CHARS,
      history_token_budget: env.HEARTH_HISTORY_TOKEN_BUDGET,
      sse_heartbeat_ms: env.HEARTH_SSE_HEARTBEAT_MS,
    },
    security: {
      metrics_token_set: Boolean(env.HEARTH_METRICS_TOKEN),
      master_key_set: Boolean(env.HEARTH_MASTER_KEY),
      secure_cookies: env.secureCookies,
      login_rate_limit: env.HEARTH_LOGIN_RATE_LIMIT,
    },
  };
}
