// Global setup of the `pglite` project: an in-memory PGlite served on a loopback port, in the
// main vitest process (its WebAssembly work then never blocks a test worker), migrated once.
// Workers receive its URL through provide/inject; tests reset its rows between them.
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";

export default async function setup(project: TestProject) {
  const db = await startEmbeddedPostgres({ dataDir: null });
  await migrate(db.url, path.join(project.config.root, "prisma/migrations"));
  project.provide("databaseKind", "pglite");
  project.provide("databaseUrl", db.url);
  project.provide("adminDatabaseUrl", null);
  return () => db.stop();
}
