// The test run's fixed settings, shared by playwright.config.ts, the server wrapper and the
// fixtures: one place for the ports, the bootstrap admin, the master key the server starts with,
// and the runtime limits it is started with (short, so that timeouts are tested in seconds).

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
