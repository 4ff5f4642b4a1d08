// Child process of the launcher: serves the embedded PGlite database on a loopback port and
// reports its URL over IPC. It stops when the launcher goes away, so it never outlives Hearth.
import { startEmbeddedPostgres } from "../db/embedded-postgres";

const dataDir = process.argv[2];
if (!dataDir || !process.send) {
  console.error("usage: embedded-db.ts <data dir> (started by the launcher with an IPC channel)");
  process.exit(2);
}

const db = await startEmbeddedPostgres({ dataDir });
process.send({ url: db.url });

async function stop() {
  await db.stop().catch(() => undefined);
  process.exit(0);
}
process.on("disconnect", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
