// An empty database of the project's kind, for tests that need one to themselves (migrations):
// a new database on the PostgreSQL server, or a new in-memory PGlite inside the worker. Starting
// PGlite takes seconds, so a file makes one and empties it between tests with `reset`.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { startEmbeddedPostgres } from "../db/embedded-postgres";

export interface FreshDatabase {
  url: string;
  query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
  /** Drops everything in the public schema, migration history included. */
  reset: () => Promise<void>;
  drop: () => Promise<void>;
}

async function onServer(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function create(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject("adminDatabaseUrl");
  if (inject("databaseKind") === "pglite" || !serverUrl) {
    const db = await startEmbeddedPostgres({ dataDir: null });
    return { url: db.url, drop: () => db.stop() };
  }
  const name = `hearth_test_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export async function freshDatabase(): Promise<FreshDatabase> {
  const { url, drop } = await create();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    async query<T extends pg.QueryResultRow>(sql: string, values?: unknown[]) {
      return (await client.query<T>(sql, values)).rows;
    },
    async reset() {
      await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    },
    async drop() {
      await client.end();
      await drop();
    },
  };
}
