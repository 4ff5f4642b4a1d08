// Playwright's web server command for Hearth: runs the script given (the launcher, or the
// PostgreSQL wrapper web-server.ts) and keeps everything it and its children print. Each chunk of
// their stdout and stderr goes on to Playwright as before, and into E2E_SERVER_LOG (the run's data
// directory), which the global teardown scans for secrets (e2e/global-teardown.ts). Chunks are
// written synchronously, so what the server printed is on disk when the teardown reads it.
// Playwright stops the server by signalling its whole process group; a signal sent to this
// process alone is passed on. It exits when the server's output has ended, with its exit code.
import { spawn } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";

const [script, ...args] = process.argv.slice(2);
const logFile = process.env.E2E_SERVER_LOG;
if (!script || !logFile) {
  console.error("usage: E2E_SERVER_LOG=<file> tsx e2e/support/logged-server.ts <script> [args...]");
  process.exit(2);
}

const log = openSync(logFile, "a", 0o600);
// TypeScript (the PostgreSQL wrapper) through tsx; the compiled launcher as it is.
const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
const server = spawn(process.execPath, [...loader, script, ...args], {
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.on("data", (chunk: Buffer) => {
  writeSync(log, chunk);
  process.stdout.write(chunk);
});
server.stderr.on("data", (chunk: Buffer) => {
  writeSync(log, chunk);
  process.stderr.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
// `close`, not `exit`: the output of the server's own children (Next, the embedded database) has ended too.
server.on("close", (code, signal) => {
  closeSync(log);
  process.exit(code ?? (signal ? 1 : 0));
});
