// The multi-replica suite (e2e/cluster): Hearth as deployed for high availability, on loopback.
// It starts its own deployment (three replicas through the launcher on a fresh PostgreSQL
// database, moto as the S3 server, two vLLM simulators, HAProxy from Debian's packages), so it
// has no webServer; it needs the production build (`npm run build`), like the main suite.
import { defineConfig } from "@playwright/test";
import { assertProductionBuild } from "./e2e/support/launcher";

assertProductionBuild();

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
