// Playwright's web server when the run targets a PostgreSQL server (E2E_DATABASE_URL): creates a
// fresh database for this run, then starts Hearth through its launcher with DATABASE_URL pointing
// at it. It lives here rather than in a globalSetup because Playwright starts `webServer` before
// globalSetup runs. Databases left by earlier runs are dropped first; this run's is dropped when
// the server stops (Playwright sends SIGTERM to the process group).
import { spawn } from "node:child_process";
import pg from "pg";
import { launcherPath } from "./launcher";

const PREFIX = "hearth_e2e_";

const adminUrl = process.env.E2E_DATABASE_URL;
if (!adminUrl) {
  console.error("web-server.ts: E2E_DATABASE_URL is not set (use the launcher directly for PGlite)");
  process.exit(2);
}

async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at E2E_DATABASE_URL is unreachable: ${(error as Error).message}`);
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createRunDatabase(): Promise<string> {
  const name = `${PREFIX}${Date.now()}_${process.pid}`;
  await withClient(async (client) => {
    const stale = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${PREFIX}%`],
    );
    for (const { datname } of stale.rows) {
      // A database still in use belongs to a concurrent run: leave it alone.
      await client.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    }
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  console.log(`e2e: fresh PostgreSQL database ${name}`);
  return url.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(
    (error: unknown) => console.error(`e2e: could not drop ${name}: ${(error as Error).message}`),
  );
}

const databaseUrl = await createRunDatabase();
const server = spawn(process.execPath, [launcherPath()], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => {
  void dropDatabase(databaseUrl).finally(() => process.exit(code ?? 0));
});
