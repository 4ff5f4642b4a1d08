// `npm run loadtest` against Hearth's admin and runtime route handlers served over real HTTP,
// with a backend on the vLLM simulator: the exit code follows the SLA verdict.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as askRoute from "@/app/assistants/[assistant_id]/ask/route";
import * as streamRoute from "@/app/assistants/[assistant_id]/stream/route";
import * as reportRoute from "@/app/admin/loadtests/[loadtest_id]/report/route";
import * as loadTestRoute from "@/app/admin/loadtests/[loadtest_id]/route";
import * as stopRoute from "@/app/admin/loadtests/[loadtest_id]/stop/route";
import * as loadTestsRoute from "@/app/admin/loadtests/route";
import { env } from "@/server/env";
import { settleActiveRuns } from "@/server/services/loadtest/active-runs";
import { createKeyActor } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "@/server/test/chat";
import { startRouteServer, type RouteServer } from "@/server/test/route-server";
import { runLoadTestCli } from "./run-cli";

const simulator = simulatorForFile({ ttftMs: 20, tokensPerSecond: 500, answerTokens: 20 });
let server: RouteServer;
let adminKey: string;
let output: { out: string[]; err: string[] };

beforeAll(async () => {
  server = await startRouteServer([
    { path: "/assistants/{assistant_id}/ask", handlers: { POST: askRoute.POST } },
    { path: "/assistants/{assistant_id}/stream", handlers: { POST: streamRoute.POST } },
    { path: "/admin/loadtests", handlers: { GET: loadTestsRoute.GET, POST: loadTestsRoute.POST } },
    { path: "/admin/loadtests/{loadtest_id}", handlers: { GET: loadTestRoute.GET } },
    { path: "/admin/loadtests/{loadtest_id}/stop", handlers: { POST: stopRoute.POST } },
    { path: "/admin/loadtests/{loadtest_id}/report", handlers: { GET: reportRoute.GET } },
  ]);
  // The virtual users call this same server (in production: Hearth on its own port).
  (env as { HEARTH_LOADTEST_TARGET_URL?: string }).HEARTH_LOADTEST_TARGET_URL = server.url;
});

afterAll(async () => {
  (env as { HEARTH_LOADTEST_TARGET_URL?: string }).HEARTH_LOADTEST_TARGET_URL = undefined;
  await server.close();
});

beforeEach(async () => {
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support");
  adminKey = (await createKeyActor("admin")).secret;
  output = { out: [], err: [] };
});

afterEach(async () => {
  await settleActiveRuns();
});

function cli(args: string[], url?: string) {
  return runLoadTestCli(args, {
    out: (line) => output.out.push(line),
    err: (line) => output.err.push(line),
    defaults: { url: url ?? server.url, key: adminKey },
    pollMs: 100,
  });
}

const short = ["--assistant", "support", "--users", "1,2", "--requests", "2"];

describe("npm run loadtest", () => {
  test("SLA met: exit 0, the tables printed, the exports written", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hearth-loadtest-cli-"));
    const files = {
      md: path.join(dir, "r.md"),
      csv: path.join(dir, "r.csv"),
      json: path.join(dir, "r.json"),
    };
    const code = await cli([...short, "--md", files.md, "--csv", files.csv, "--json", files.json]);
    expect(output.err.join("\n")).toMatch(/Started load test lt_/);
    expect(code).toBe(0);
    const printed = output.out.join("\n");
    expect(printed).toContain("## Comparative results");
    expect(printed).toContain("## SLA compliance (avg ≤ 90s)");
    expect(printed).toContain("| gpt-oss-20b | ✅ | ✅ |");
    expect(output.out.at(-1)).toBe(
      "SLA met at every level: within the SLA up to 2 users. Served by sim/gpt-oss-20b (vLLM simulator).",
    );
    expect(readFileSync(files.md, "utf8")).toContain("### Throughput by users");
    expect(readFileSync(files.csv, "utf8").split("\n").filter(Boolean)).toHaveLength(3);
    expect(JSON.parse(readFileSync(files.json, "utf8"))).toMatchObject({ object: "loadtest.report" });
  });

  test("SLA not met (an average of 1 ms): exit 1", async () => {
    expect(await cli([...short, "--sla-avg", "1"])).toBe(1);
    expect(output.out.at(-1)).toMatch(/^SLA NOT met: no user level is within the SLA\./);
  });

  test("--min-users gates on the largest level within the SLA", async () => {
    expect(await cli([...short, "--min-users", "2"])).toBe(0);
    expect(await cli([...short, "--min-users", "3"])).toBe(1);
    expect(output.out.at(-1)).toMatch(/^SLA NOT met: within the SLA up to 2 users \(required: 3\)/);
  });

  test("prompts from a file are sent", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "hearth-prompts-")), "p.txt");
    writeFileSync(file, "First question?\n\nSecond question?\n");
    expect(
      await cli(["--assistant", "support", "--users", "1", "--requests", "1", "--prompts", file, "--quiet"]),
    ).toBe(0);
    expect(output.out).toHaveLength(1);
  });

  test.each([
    [[], "--assistant is required"],
    [["--assistant", "support", "--bogus"], "Unknown option '--bogus'"],
    [["--assistant", "support", "--users", "a,b"], "--users must be a number, not 'a'"],
    [["--assistant", "support", "--endpoint", "chat"], "--endpoint must be ask or stream"],
  ])("usage error %j: exit 2", async (args, message) => {
    expect(await cli(args)).toBe(2);
    expect(output.err.join("\n")).toContain(message);
  });

  test("a scenario the server refuses, or no server: exit 2 with its message", async () => {
    expect(await cli(["--assistant", "support", "--users", "3,3"])).toBe(2);
    expect(output.err.join("\n")).toContain(
      "INVALID_INPUT: Invalid body.user_levels: user levels must be different",
    );
    expect(await cli(short, "http://127.0.0.1:9")).toBe(2);
    expect(output.err.at(-1)).toMatch(/^cannot reach Hearth at http:\/\/127\.0\.0\.1:9/);
  });

  test("--help prints the usage: exit 0", async () => {
    expect(await cli(["--help"])).toBe(0);
    expect(output.out[0]).toMatch(/^Usage: npm run loadtest/);
  });
});
