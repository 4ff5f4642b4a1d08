// The multi-replica suite (e2e/cluster): Hearth as deployed for high availability, on loopback.
// It starts its own deployment (three replicas through the launcher on a fresh PostgreSQL
// database, moto as the S3 server, two vLLM simulators, HAProxy from Debian's packages), so it
// has no webServer; it needs the production build (`next build`), like the main suite.
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next";
if (!existsSync(path.join(import.meta.dirname, DIST_DIR, "BUILD_ID"))) {
  throw new Error(`No production build in ${DIST_DIR}: run \`npx next build\` first.`);
}

export default defineConfig({
  testDir: "e2e/cluster",
  outputDir: "test-results/cluster",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
});
