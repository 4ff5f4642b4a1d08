// The launcher behind `npm start` and `npm run dev`: validates the configuration, starts the
// embedded database when DATABASE_URL is not set (in a child process, off the web server's event
// loop), applies migrations, and runs Next.js with the resulting environment. `npm run build`
// compiles it into the build folder (scripts/build-launcher.mjs): production runs
// `node .next/hearth/start.mjs`, with no npm or tsx process; `npm run dev` runs this source with tsx.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Env } from "../env";
import { readOrCreateSecret } from "./secret-file";

const here = fileURLToPath(import.meta.url);

/** The checkout: the nearest folder above this file (source or compiled) with the migrations. */
function findRoot(): string {
  for (let dir = path.dirname(here); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "prisma", "migrations"))) return dir;
  }
  return process.cwd();
}

const root = findRoot();
const dev = process.argv.includes("--dev");

async function loadEnv(): Promise<Env> {
  try {
    return (await import("../env")).env;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

/** A stable secret for signing session cookies, kept in the data directory when none is given. */
function authSecret(env: Env): string {
  if (env.HEARTH_AUTH_SECRET) return env.HEARTH_AUTH_SECRET;
  return readOrCreateSecret(path.join(env.dataDir, "auth-secret"), 32);
}

/**
 * The embedded database in a child process. Its files live in <data dir>/pglite; clients need the
 * password in <data dir>/pglite-password, which is in the URL it reports (never printed).
 */
function startEmbeddedDb(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const args = [path.join(dataDir, "pglite"), path.join(dataDir, "pglite-password")];
  // Its sibling, compiled or source as this file is, run with this process's loader flags.
  const script = path.join(path.dirname(here), `embedded-db${path.extname(here)}`);
  const child = fork(script, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message: { url: string }) => resolve({ url: message.url, child }));
    child.once("exit", (code) =>
      reject(new Error(`The embedded database exited (code ${code}) before it was ready`)),
    );
  });
}

function nextBin(): string {
  return createRequire(import.meta.url).resolve("next/dist/bin/next");
}

function assertProductionBuild(distDir: string) {
  if (dev || existsSync(path.join(root, distDir, "BUILD_ID"))) return;
  throw new Error("No production build found: run `npm run build` first");
}

async function main() {
  const env = await loadEnv();
  assertProductionBuild(env.NEXT_DIST_DIR);
  mkdirSync(env.dataDir, { recursive: true });
  let embedded: ChildProcess | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const db = await startEmbeddedDb(env.dataDir);
    embedded = db.child;
    databaseUrl = db.url;
    console.log(`Embedded database (PGlite) at ${path.join(env.dataDir, "pglite")}`);
  }
  const { migrate } = await import("../db/migrate");
  const applied = await migrate(databaseUrl, path.join(root, "prisma/migrations"));
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);

  const args = dev ? ["dev"] : ["start", "--keepAliveTimeout", String(env.HEARTH_KEEP_ALIVE_TIMEOUT_MS)];
  const web = spawn(process.execPath, [nextBin(), ...args, "-p", String(env.PORT), "-H", env.HOST], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HEARTH_DB_EMBEDDED: embedded ? "true" : "false",
      HEARTH_AUTH_SECRET: authSecret(env),
      NEXT_TELEMETRY_DISABLED: "1",
      // Hearth drains on SIGTERM itself (server/services/system/graceful-shutdown.ts).
      NEXT_MANUAL_SIG_HANDLE: "true",
    },
  });
  console.log(`Hearth console: ${env.publicUrl}/console`);

  const shutdown = (signal: NodeJS.Signals) => {
    web.kill(signal);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  web.on("exit", (code) => {
    const exit = () => process.exit(code ?? 0);
    if (!embedded?.connected) exit();
    // The database stops once the web server is done with it, and is given time to close.
    embedded?.once("exit", exit);
    embedded?.disconnect();
    setTimeout(exit, 10_000).unref();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
