// Empties every application table between tests (the migration history stays), so each test
// starts from an empty database without paying for migrations again. TRUNCATE costs tens of
// milliseconds on a PostgreSQL server even for empty tables, so it runs only when a row exists.
import { getDb } from "../db/client";

interface Statements {
  anyRows: string;
  truncate: string;
}

let statements: Statements | undefined;

async function prepare(): Promise<Statements> {
  const tables = await getDb().$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  const quoted = tables.map(({ tablename }) => `"${tablename.replaceAll('"', '""')}"`);
  return {
    anyRows: `SELECT (${quoted.map((table) => `EXISTS (SELECT 1 FROM ${table})`).join(" OR ")}) AS "any"`,
    truncate: `TRUNCATE ${quoted.join(", ")} RESTART IDENTITY CASCADE`,
  };
}

export async function resetDb(): Promise<void> {
  statements ??= await prepare();
  const [result] = await getDb().$queryRawUnsafe<{ any: boolean }[]>(statements.anyRows);
  if (result?.any) await getDb().$executeRawUnsafe(statements.truncate);
}

/** Closes the pool only if this file opened one. */
export async function disconnectDb(): Promise<void> {
  const global = globalThis as { hearthDb?: { $disconnect(): Promise<void> } };
  await global.hearthDb?.$disconnect();
  global.hearthDb = undefined;
}
