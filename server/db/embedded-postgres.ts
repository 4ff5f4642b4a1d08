// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with its files under the data
// directory, served on a loopback port by pglite-socket so that Prisma and every other client
// speak the ordinary PostgreSQL protocol to it. A connection must authenticate with the password
// given (the launcher keeps one in the data directory; in-memory test databases get a random one
// per run), so other users of the machine cannot reach the data through the port. The launcher
// runs this in a child process of its own, so PGlite's synchronous WebAssembly work never blocks
// the web server's event loop.
//
// Memory: a WebAssembly heap grows and never shrinks, so what PostgreSQL touches once stays
// resident. Creating a database (initdb) touches most of it: a process that created the data
// directory held ~800 MB where one that opened it held ~280 MB (measured here), so a fresh data
// directory is created by a process of its own that then exits (`initializeEmbeddedPostgres`).
// PostgreSQL's default 128 MB of shared buffers fill up and stay in the heap as well; 16 MB keeps
// the process at ~160-190 MB after a scan of a 200 MB table (64 MB: ~230 MB) at the same speed
// here: reads past the buffers come from the operating system's page cache.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { requirePassword } from "./embedded-postgres-auth";

export interface EmbeddedPostgres {
  /** The connection URL, password included: hand it to clients, never print it. */
  url: string;
  stop(): Promise<void>;
}

/** Server settings on top of PGlite's own (its `defaultStartParams`), as `-c name=value` pairs. */
const SETTINGS = ["shared_buffers=16MB"];

/**
 * On disk, with the settings above. In memory (the tests' databases) PostgreSQL's defaults: there
 * every page lives in the heap anyway, and small buffers only add copying between the two.
 */
function openPGlite(dataDir: string | null): Promise<PGlite> {
  if (!dataDir) return PGlite.create("memory://");
  return PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, ...SETTINGS.flatMap((setting) => ["-c", setting])],
  });
}

/** Whether the data directory holds a database already (PostgreSQL's PG_VERSION file). */
export function isEmbeddedPostgresInitialized(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/** Creates the database in a fresh data directory, and lets go of it (see the memory note above). */
export async function initializeEmbeddedPostgres(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const db = await openPGlite(dataDir);
  await db.close();
}

export async function startEmbeddedPostgres(options: {
  dataDir: string | null;
  /** The password clients must give; random for this run when not given. */
  password?: string;
  port?: number;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const password = options.password ?? randomBytes(24).toString("base64url");
  const db = await openPGlite(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 16,
  });
  await server.start();
  const stop = async () => {
    await server.stop();
    await db.close();
  };
  try {
    requirePassword(server, password);
  } catch (error) {
    await stop();
    throw error;
  }
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@${address}/postgres?sslmode=disable`,
    stop,
  };
}
