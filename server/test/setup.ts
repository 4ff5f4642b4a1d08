// Runs in each test worker before its test file: points the env module at this project's test
// database (it reads process.env once, at import, so this must come before any server module is
// loaded), empties the database before every test, and closes the pool when the file is done.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// As the launcher does: PGlite is one session, so the app uses a single connection to it.
process.env.HEARTH_DB_EMBEDDED = inject("databaseKind") === "pglite" ? "true" : "false";
// Each test file gets its own data directory (knowledge file bytes, LanceDB tables).
process.env.HEARTH_DATA_DIR = mkdtempSync(path.join(tmpdir(), "hearth-test-data-"));

// Imported only now, after DATABASE_URL is set (static imports would be hoisted above it).
const { resetDb } = await import("./reset-db");
const { closeDb } = await import("../db/client");
const { clearReadCaches } = await import("../services/cache/read-cache");

beforeEach(async () => {
  await resetDb();
  clearReadCaches();
});

afterAll(async () => {
  await closeDb();
});
