// Empties the application tables between tests (the migration history stays), so each test
// starts from an empty database without paying for migrations again. TRUNCATE costs several
// milliseconds per table on a PostgreSQL server, even for an empty one, so only the tables that
// hold rows are named (CASCADE brings along whatever refers to them).
//
// A background tick still reading (the blob sweeper, audit retention, a replica's heartbeat) can
// hold a lock on one table while TRUNCATE, taking its locks one table at a time, holds another:
// PostgreSQL then picks one of them as a deadlock victim. TRUNCATE is the one to try again.
import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "../db/client";

const DEADLOCK = "40P01";
const ATTEMPTS = 5;

let nonEmptyTablesQuery: string | undefined;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function prepare(): Promise<string> {
  const tables = await getDb().$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  return tables
    .map(({ tablename }) => {
      const literal = `'${tablename.replaceAll("'", "''")}'`;
      return `SELECT ${literal} AS name WHERE EXISTS (SELECT 1 FROM ${quote(tablename)})`;
    })
    .join(" UNION ALL ");
}

export async function resetDb(): Promise<void> {
  nonEmptyTablesQuery ??= await prepare();
  if (!nonEmptyTablesQuery) return;
  const tables = await getDb().$queryRawUnsafe<{ name: string }[]>(nonEmptyTablesQuery);
  if (tables.length === 0) return;
  const truncate = `TRUNCATE ${tables.map(({ name }) => quote(name)).join(", ")} RESTART IDENTITY CASCADE`;
  for (let attempt = 1; ; attempt++) {
    try {
      await getDb().$executeRawUnsafe(truncate);
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS || !isDeadlock(error)) throw error;
      await sleep(20 * attempt);
    }
  }
}

function isDeadlock(error: unknown): boolean {
  const meta = (error as { meta?: { code?: unknown } }).meta;
  return meta?.code === DEADLOCK || (error instanceof Error && error.message.includes(DEADLOCK));
}
