// Global setup of the `postgres` project: a fresh database `hearth_test_<random>` on the
// PostgreSQL server (HEARTH_TEST_POSTGRES_URL, by default the local one), migrated once and
// dropped when the run ends, so runs never see each other's data.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../db/migrate";

const serverUrl = process.env.HEARTH_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const name = `hearth_test_${randomBytes(6).toString("hex")}`;
  await onServer(async (client) => {
    await client.query(`CREATE DATABASE "${name}"`);
    // A throwaway database: commits need not wait for the disk.
    await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  });
  const url = databaseUrl(name);
  const drop = () => onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  try {
    await migrate(url, path.join(project.config.root, "prisma/migrations"));
  } catch (error) {
    await drop();
    throw error;
  }
  project.provide("databaseKind", "postgres");
  project.provide("databaseUrl", url);
  project.provide("adminDatabaseUrl", serverUrl);
  return drop;
}
