// Child process of the launcher: serves the embedded PGlite database on a loopback port and
// reports its URL over IPC. Clients must give the password kept in the password file (made on
// first start, readable by its owner only). It stops when the launcher goes away, so it never
// outlives Hearth.
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { readOrCreateSecret } from "./secret-file";

const [dataDir, passwordFile] = process.argv.slice(2);
if (!dataDir || !passwordFile || !process.send) {
  console.error(
    "usage: embedded-db.ts <data dir> <password file> (started by the launcher with an IPC channel)",
  );
  process.exit(2);
}

const db = await startEmbeddedPostgres({ dataDir, password: readOrCreateSecret(passwordFile, 24) });
process.send({ url: db.url });

async function stop() {
  await db.stop().catch(() => undefined);
  process.exit(0);
}
process.on("disconnect", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
