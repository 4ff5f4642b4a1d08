// The test run's fixed settings, shared by playwright.config.ts, the server wrapper and the
// fixtures: one place for the port, the bootstrap admin and the master key the server starts with.

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const BASE_URL = `http://localhost:${E2E_PORT}`;

export const ADMIN_EMAIL = "admin@example.com";
export const ADMIN_PASSWORD = "correct-horse-battery";

/** A 40-character master key, used only by the test server. */
export const MASTER_KEY = "hth_e2e_master_key_0123456789abcdefghijk";
if (MASTER_KEY.length !== 40) throw new Error("the e2e master key must be 40 characters");
