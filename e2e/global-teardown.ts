// After every e2e run, whatever its tests did: the server's log (everything the launcher, Next and
// the embedded database printed, kept by e2e/support/logged-server.ts) must hold no secret of the
// run (see e2e/support/log-scan.ts for which). A finding fails the run with the line numbers and
// the kinds of secret, never the secret itself. So that the scan cannot pass for want of
// anything to read, a missing log, a missing secret or a log without Hearth's own info lines
// fail the run too; only a server reused from an earlier run (E2E_REUSE_SERVER=1, never in CI)
// has no log here, and is skipped with a warning. Playwright runs this before it stops the
// server, so lines printed while it shuts down are not read.
import { existsSync, readFileSync } from "node:fs";
import { findLeaks, hasHearthInfoLine, runSecrets } from "./support/log-scan";
import { hearthServerEnv, REUSE_SERVER, serverLogPath, SERVER_LOG_LEVEL } from "./support/env";

const SHOWN = 20;

export default function globalTeardown(): void {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("log scan: E2E_DATA_DIR is not set (playwright.config.ts sets it)");
  const logFile = serverLogPath(dataDir);
  if (!existsSync(logFile)) {
    if (REUSE_SERVER) {
      console.warn(`log scan: skipped, the server was reused from an earlier run (no ${logFile})`);
      return;
    }
    throw new Error(`log scan: the server's log ${logFile} does not exist`);
  }
  const text = readFileSync(logFile, "utf8");
  if (!hasHearthInfoLine(text)) {
    throw new Error(
      `log scan: ${logFile} holds no line of Hearth's logger at info or below (LOG_LEVEL is ` +
        `${SERVER_LOG_LEVEL}; the scan needs info, debug or trace), so there is nothing worth scanning`,
    );
  }
  const secrets = runSecrets({
    serverEnv: hearthServerEnv(dataDir),
    dataDir,
    databaseUrl: process.env.E2E_DATABASE_URL,
    requiredFiles: ["auth-secret"],
  });
  const leaks = findLeaks(text, secrets);
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  if (leaks.length === 0) {
    console.log(
      `log scan: ${lines} lines, no secret (${secrets.length} looked for) and no issued credential`,
    );
    return;
  }
  const shown = leaks.slice(0, SHOWN).map((leak) => `  line ${leak.line}: ${leak.secrets.join(", ")}`);
  if (leaks.length > SHOWN) shown.push(`  ...and ${leaks.length - SHOWN} more lines`);
  throw new Error(`log scan: ${leaks.length} lines of ${logFile} hold secrets:\n${shown.join("\n")}`);
}
