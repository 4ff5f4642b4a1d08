// `npm run loadtest` as a process against the production build: its exit code follows the SLA
// verdict (0 met, 1 not met, 2 usage error), so it can gate a deployment.
import { spawnSync } from "node:child_process";
import { expect, newUniqueId, test } from "../fixtures";
import { BASE_URL, MASTER_KEY } from "../support/env";
import { createAssistant } from "../support/runtime-api";

test.describe.configure({ mode: "serial", timeout: 120_000 });

function loadtest(args: string[]) {
  return spawnSync(
    "npx",
    ["tsx", "server/cli/loadtest.ts", "--url", BASE_URL, "--key", MASTER_KEY, ...args],
    {
      encoding: "utf8",
      timeout: 100_000,
    },
  );
}

test("exit 0 when the SLA is met, 1 when it is not, 2 on a usage error", async ({ api }) => {
  const assistant = await createAssistant(api, newUniqueId("lt-cli"));
  const scenario = ["--assistant", assistant, "--users", "1,2", "--requests", "2"];
  // The load test slot may be held by another spec's run for a while: retry on the 409.
  const run = (args: string[]) => {
    for (let attempt = 0; ; attempt++) {
      const result = loadtest(args);
      if (result.status !== 2 || !result.stderr.includes("CONFLICT") || attempt > 30) return result;
      spawnSync("sleep", ["2"]);
    }
  };
  const met = run(scenario);
  expect(met.status, met.stderr).toBe(0);
  expect(met.stdout).toContain("## Comparative results");
  expect(met.stdout).toMatch(
    /SLA met at every level: within the SLA up to 2 users\. Served by env-llm\/gpt-oss-20b \(vLLM simulator\)\./,
  );

  const impossible = run([...scenario, "--sla-avg", "1"]);
  expect(impossible.status, impossible.stderr).toBe(1);
  expect(impossible.stdout).toMatch(/SLA NOT met: no user level is within the SLA/);

  const usage = loadtest(["--users", "1"]);
  expect(usage.status).toBe(2);
  expect(usage.stderr).toContain("--assistant is required");
});
