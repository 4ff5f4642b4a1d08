// Child process of the launcher: serves the embedded PGlite database on a loopback port and
// reports its URL over IPC. Clients must give the password kept in the password file (made on
// first start, readable by its owner only). It stops when the launcher lets go of it (the IPC
// channel closes: the launcher is done, or gone), so it never outlives Hearth. A fresh data
// directory is first created by a short-lived copy of this process (`--init <data dir>`): creating a
// database leaves hundreds of MB resident in PGlite's heap that opening one does not.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  initializeEmbeddedPostgres,
  isEmbeddedPostgresInitialized,
  startEmbeddedPostgres,
} from "../db/embedded-postgres";
import { readOrCreateSecret } from "./secret-file";

if (process.argv[2] === "--init") {
  await initializeEmbeddedPostgres(process.argv[3]!);
  process.exit(0);
}

/** Runs `--init` in a process of its own (this file, with this process's loader flags). */
function initializeInOwnProcess(dataDir: string): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ["--init", dataDir], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`Creating the embedded database failed (exit code ${code})`)),
    );
  });
}

const [dataDir, passwordFile] = process.argv.slice(2);
if (!dataDir || !passwordFile || !process.send) {
  console.error(
    "usage: embedded-db.ts <data dir> <password file> (started by the launcher with an IPC channel)",
  );
  process.exit(2);
}

if (!isEmbeddedPostgresInitialized(dataDir)) await initializeInOwnProcess(dataDir);
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
