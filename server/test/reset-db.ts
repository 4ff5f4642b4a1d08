// Empties the application tables between tests (the migration history stays), so each test
// starts from an empty database without paying for migrations again. TRUNCATE costs several
// milliseconds per table on a PostgreSQL server, even for an empty one, so only the tables that
// hold rows are named (CASCADE brings along whatever refers to them).
import { getDb } from "../db/client";

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
  await getDb().$executeRawUnsafe(
    `TRUNCATE ${tables.map(({ name }) => quote(name)).join(", ")} RESTART IDENTITY CASCADE`,
  );
}
