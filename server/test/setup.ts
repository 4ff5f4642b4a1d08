// Runs in each test worker before its test file: points the env module at this project's test
// database (it reads process.env once, at import, so this must come before any server module is
// loaded), empties the database before every test, and closes the pool when the file is done.
import { afterAll, beforeEach, inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");

// Imported only now, after DATABASE_URL is set (static imports would be hoisted above it).
const { disconnectDb, resetDb } = await import("./reset-db");

beforeEach(async () => {
  await resetDb();
});

afterAll(async () => {
  await disconnectDb();
});
