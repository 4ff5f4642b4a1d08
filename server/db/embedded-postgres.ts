// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with its files under the data
// directory, served on a loopback port by pglite-socket so that Prisma and every other client
// speak the ordinary PostgreSQL protocol to it. A connection must authenticate with the password
// given (the launcher keeps one in the data directory; in-memory test databases get a random one
// per run), so other users of the machine cannot reach the data through the port. The launcher
// runs this in a child process of its own, so PGlite's synchronous WebAssembly work never blocks
// the web server's event loop.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { requirePassword } from "./embedded-postgres-auth";

export interface EmbeddedPostgres {
  /** The connection URL, password included: hand it to clients, never print it. */
  url: string;
  stop(): Promise<void>;
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
  const db = await PGlite.create(options.dataDir ?? "memory://");
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
