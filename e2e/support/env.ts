// The test run's fixed settings, shared by playwright.config.ts, the server wrappers, the fixtures
// and the global teardown: one place for the ports, the bootstrap admin, the master key and the
// whole environment the server starts with (the runtime limits short, so that timeouts are tested
// in seconds), and where the server's output is kept.
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const BASE_URL = `http://localhost:${E2E_PORT}`;

export const ADMIN_EMAIL = "admin@example.com";
export const ADMIN_PASSWORD = "correct-horse-battery";

/** A 40-character master key, used only by the test server. */
export const MASTER_KEY = "hth_e2e_master_key_0123456789abcdefghijk";
if (MASTER_KEY.length !== 40) throw new Error("the e2e master key must be 40 characters");

/** The vLLM simulator started beside the server, registered as the env backend `env-llm`. */
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 3290);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const SIM_MODEL = "gpt-oss-20b";

/** Runtime settings the server is started with (see playwright.config.ts). */
export const RUNTIME_LIMITS = {
  maxMessageChars: 4000,
  firstTokenTimeoutMs: 4000,
  idleTimeoutMs: 1500,
  heartbeatMs: 500,
  maxUploadBytes: 1_048_576,
} as const;

/** Playwright reuses a server already listening (local runs only, E2E_REUSE_SERVER=1). */
export const REUSE_SERVER = !process.env.CI && process.env.E2E_REUSE_SERVER === "1";

/**
 * The server's log level: debug, so that the log scan (e2e/global-teardown.ts) reads every line
 * Hearth can write; it needs info at least. Few lines: Hearth logs requests only when they fail.
 */
export const SERVER_LOG_LEVEL = process.env.E2E_LOG_LEVEL ?? "debug";

/** Everything the server printed during the run (e2e/support/logged-server.ts writes it). */
export const serverLogPath = (dataDir: string) => path.join(dataDir, "e2e-server.log");

/**
 * Hearth's environment for the run, set in full so that a developer's shell (DATABASE_URL, a
 * public URL) cannot leak in. The global teardown scans the log for every secret-like value here.
 */
export function hearthServerEnv(dataDir: string): Record<string, string> {
  return {
    PORT: String(E2E_PORT),
    HOST: "127.0.0.1",
    HEARTH_PUBLIC_URL: BASE_URL,
    DATABASE_URL: "",
    // Generated into the data directory by the launcher (<data dir>/auth-secret).
    HEARTH_AUTH_SECRET: "",
    // The default: secure under `next start` (NODE_ENV=production), so HSTS is sent
    // (e2e/api/security-headers.spec.ts); Chromium keeps Secure cookies on http://localhost.
    HEARTH_SECURE_COOKIES: "",
    HEARTH_DATA_DIR: dataDir,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    HEARTH_MASTER_KEY: MASTER_KEY,
    HEARTH_LLM_BASE_URL: `${SIM_URL}/v1`,
    HEARTH_LLM_MODEL: SIM_MODEL,
    HEARTH_LLM_API_KEY: "",
    HEARTH_DEFAULT_MODEL: "",
    HEARTH_LLAMA_MODEL_PATH: "",
    // Unset: <data dir>/models, where e2e/api/backends.spec.ts puts its model file.
    HEARTH_MODELS_DIR: "",
    HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS: String(RUNTIME_LIMITS.firstTokenTimeoutMs),
    HEARTH_LLM_IDLE_TIMEOUT_MS: String(RUNTIME_LIMITS.idleTimeoutMs),
    HEARTH_MAX_MESSAGE_CHARS: String(RUNTIME_LIMITS.maxMessageChars),
    HEARTH_SSE_HEARTBEAT_MS: String(RUNTIME_LIMITS.heartbeatMs),
    HEARTH_MAX_UPLOAD_BYTES: String(RUNTIME_LIMITS.maxUploadBytes),
    HEARTH_EMBEDDINGS_PROVIDER: "hash",
    HEARTH_LANCEDB_URI: "",
    // Alerts are evaluated every second, and their webhooks may reach the specs' receivers on loopback.
    HEARTH_ALERT_INTERVAL_MS: "1000",
    HEARTH_ALERT_WEBHOOK_HOSTS: "loopback",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: SERVER_LOG_LEVEL,
    E2E_SERVER_LOG: serverLogPath(dataDir),
  };
}
