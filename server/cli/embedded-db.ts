// Child process of the launcher: serves the embedded PGlite database on a loopback port and
// reports its URL over IPC. Clients must give the password kept in the password file (made on
// first start, readable by its owner only). It stops when the launcher lets go of it (the IPC
// channel closes: the launcher is done, or gone), so it never outlives Hearth.
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
// Only the launcher stops it, once the web server has drained (which still records answers):
// signals sent to the whole process group (Ctrl-C, an orchestrator) are left to the launcher.
process.on("disconnect", () => void stop());
process.on("SIGTERM", () => undefined);
process.on("SIGINT", () => undefined);
