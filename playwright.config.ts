// End-to-end tests against the production build, started through Hearth's compiled launcher
// (`npm run build` makes both the app and `.next/hearth/start.mjs`, which runs `next start`). Each run gets a
// fresh data directory, hence a fresh embedded PGlite database; with E2E_DATABASE_URL set, the
// same specs run against a fresh database on that PostgreSQL server instead. Beside it runs the vLLM
// simulator, which the server registers as its env backend `env-llm`; the runtime limits are short
// so that stalls and timeouts are tested in seconds. Projects: `api` (the REST contract, no
// browser) and `ui` (the console in Debian's Chromium; see shared OFFLINE notes). The server's
// output is kept in the data directory, and the global teardown fails the run if it holds a secret.
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { BASE_URL, hearthServerEnv, REUSE_SERVER, SIM_MODEL, SIM_PORT, SIM_URL } from "./e2e/support/env";
import { assertProductionBuild, launcherPath } from "./e2e/support/launcher";

const CI = !!process.env.CI;
const DATA_ROOT = path.join(os.tmpdir(), "hearth-e2e");
const RUN_PREFIX = "run-";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes data directories of earlier runs whose test runner is gone. */
function removeStaleDataDirs(): void {
  if (!existsSync(DATA_ROOT)) return;
  for (const name of readdirSync(DATA_ROOT)) {
    const pid = Number(/^run-(\d+)-/.exec(name)?.[1]);
    if (name.startsWith(RUN_PREFIX) && !isAlive(pid)) {
      rmSync(path.join(DATA_ROOT, name), { recursive: true, force: true });
    }
  }
}

// The config is also loaded by every worker; the runner decides once and workers inherit it.
function dataDirOfThisRun(): string {
  if (process.env.E2E_DATA_DIR) return process.env.E2E_DATA_DIR;
  removeStaleDataDirs();
  const dataDir = path.join(DATA_ROOT, `${RUN_PREFIX}${process.pid}-${Date.now()}`);
  process.env.E2E_DATA_DIR = dataDir;
  mkdirSync(dataDir, { recursive: true });
  // `next start` serves the build in NEXT_DIST_DIR when it is set (see next.config.ts).
  assertProductionBuild();
  return dataDir;
}
const DATA_DIR = dataDirOfThisRun();

const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // After every run, whatever ran: the server's log must hold no secret (see the file).
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "on-first-retry",
  },
  projects: [
    {
      name: "api",
      testMatch: "api/**/*.spec.ts",
    },
    {
      name: "ui",
      testMatch: "ui/**/*.spec.ts",
      use: {
        browserName: "chromium",
        screenshot: "on",
        launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
      },
    },
  ],
  webServer: [
    {
      // Through logged-server.ts, which also keeps the output in the data directory for the scan.
      command: `npx tsx e2e/support/logged-server.ts ${
        process.env.E2E_DATABASE_URL ? "e2e/support/web-server.ts" : launcherPath()
      }`,
      url: `${BASE_URL}/health`,
      reuseExistingServer: REUSE_SERVER,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: hearthServerEnv(DATA_DIR),
    },
    {
      // Fast but observable: a 30-token answer after 48 reasoning tokens takes about 300 ms.
      command: `npx tsx server/cli/vllm-simulator.ts --port ${SIM_PORT} --model ${SIM_MODEL} --ttft-ms 50 --tokens-per-second 300 --answer-tokens 30`,
      url: `${SIM_URL}/health`,
      reuseExistingServer: REUSE_SERVER,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
