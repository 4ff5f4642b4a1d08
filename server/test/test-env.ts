// The configuration every test worker starts with (DATABASE_URL is added per project by the
// global setup). Fixed values, so that fixtures can use the master key and tests stay repeatable.
export const TEST_MASTER_KEY = "hth_master_test_key_0123456789abcdefghijklmnop";

export const testEnv = {
  NODE_ENV: "test",
  HEARTH_AUTH_SECRET: "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  HEARTH_MASTER_KEY: TEST_MASTER_KEY,
  HEARTH_PUBLIC_URL: "http://localhost:3000",
  HEARTH_DB_POOL_SIZE: "4",
  LOG_LEVEL: "silent",
  // The chat runtime's limits, short so a broken stream fails a test in seconds, not minutes.
  // Engine tests that need other values pass them to the engine directly.
  HEARTH_LLM_CONNECT_TIMEOUT_MS: "1000",
  HEARTH_LLM_FIRST_TOKEN_TIMEOUT_MS: "5000",
  HEARTH_LLM_IDLE_TIMEOUT_MS: "2000",
  HEARTH_SSE_HEARTBEAT_MS: "250",
  // More llama.cpp threads than one are very slow on a small, shared test machine.
  HEARTH_LLAMA_THREADS: "1",
} as const;

/** What the global setups hand to the workers through vitest's provide/inject. */
declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "pglite" | "postgres";
    databaseUrl: string;
    /** A server connection that may create databases (postgres project only). */
    adminDatabaseUrl: string | null;
  }
}
