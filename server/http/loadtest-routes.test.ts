// The /admin/loadtests REST API through its route handlers: validation, permissions, unknown ids,
// and the report in each format. Runs executing over HTTP are tested in services/loadtest.
import { beforeEach, describe, expect, test } from "vitest";
import * as reportRoute from "@/app/admin/loadtests/[loadtest_id]/report/route";
import * as loadTestRoute from "@/app/admin/loadtests/[loadtest_id]/route";
import * as stopRoute from "@/app/admin/loadtests/[loadtest_id]/stop/route";
import * as loadTestsRoute from "@/app/admin/loadtests/route";
import { getDb } from "@/server/db/client";
import { loadTestListSchema, loadTestReportSchema, loadTestSchema } from "@/server/schemas/loadtest";
import { bearer, createKeyActor } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { callRoute } from "@/server/test/rest";
import { LEVEL_RESULT } from "../test/loadtests";

let admin: Record<string, string>;
let runtime: Record<string, string>;

async function storedRun(id: string, label: string) {
  await getDb().loadTestRun.create({
    data: {
      id,
      assistantId: "support",
      label,
      status: "completed",
      createdBy: "master_key",
      scenario: {
        endpoint: "stream",
        user_levels: [1, 2],
        duration_seconds: 10,
        requests_per_user: null,
        ramp_up_seconds: 0,
        think_time_ms: 0,
        request_timeout_seconds: 300,
        prompts: { source: "builtin", count: 20 },
        prompt_items: ["a question"],
        sla: { avg_ms: 90_000, p95_ms: null, ttft_ms: null, error_rate: null },
      },
      servedBy: [{ backend: "sim", model: "gpt-oss-20b", requests: 20, kind: "simulator", simulator: true }],
      levels: {
        create: [1, 2].map((users, position) => ({
          id: `${id}_${position}`,
          position,
          users,
          status: "completed",
          result: LEVEL_RESULT,
        })),
      },
    },
  });
}

beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
  runtime = bearer((await createKeyActor("runtime")).secret);
  await createChatAssistant("support");
});

/** The report is a file, not always JSON: read it as text. */
async function download(id: string, query: string) {
  const response = await reportRoute.GET(
    new Request(`http://localhost/admin/loadtests/${id}/report${query}`, { headers: admin }),
    {
      params: Promise.resolve({ loadtest_id: id }),
    },
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const one = (id: string, suffix = "") => ({
  path: `/admin/loadtests/${id}${suffix}`,
  params: { loadtest_id: id },
});

describe("/admin/loadtests", () => {
  test("an invalid scenario is 400 with the field named", async () => {
    const response = await callRoute(loadTestsRoute.POST, {
      path: "/admin/loadtests",
      headers: admin,
      body: { assistant_id: "support", user_levels: [5, 5] },
    });
    expect(response.status).toBe(400);
    expect(response.json.error).toEqual({
      code: "INVALID_INPUT",
      message: "Invalid body.user_levels: user levels must be different",
      details: [{ path: "body.user_levels", message: "user levels must be different" }],
    });
    const both = await callRoute(loadTestsRoute.POST, {
      path: "/admin/loadtests",
      headers: admin,
      body: { assistant_id: "support", duration_seconds: 5, requests_per_user: 5 },
    });
    expect(both.json.error.message).toBe(
      "Invalid body.requests_per_user: give duration_seconds or requests_per_user, not both",
    );
    const unknown = await callRoute(loadTestsRoute.POST, {
      path: "/admin/loadtests",
      headers: admin,
      body: { assistant_id: "ghost" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toBe("Assistant 'ghost' was not found");
    expect(await getDb().loadTestRun.count()).toBe(0);
  });

  test("a runtime key is 403, no key 401", async () => {
    const post = await callRoute(loadTestsRoute.POST, {
      path: "/admin/loadtests",
      headers: runtime,
      body: { assistant_id: "support" },
    });
    expect(post.status).toBe(403);
    expect((await callRoute(loadTestsRoute.GET, { path: "/admin/loadtests", headers: runtime })).status).toBe(
      403,
    );
    expect((await callRoute(loadTestsRoute.GET, { path: "/admin/loadtests" })).status).toBe(401);
    expect(
      (await callRoute(stopRoute.POST, { ...one("lt_x", "/stop"), headers: runtime, body: {} })).status,
    ).toBe(403);
  });

  test("an unknown run is 404 for get, stop and report", async () => {
    for (const [handler, suffix, method] of [
      [loadTestRoute.GET, "", "GET"],
      [stopRoute.POST, "/stop", "POST"],
      [reportRoute.GET, "/report", "GET"],
    ] as const) {
      const response = await callRoute(handler, { ...one("lt_missing", suffix), method, headers: admin });
      expect(response.status).toBe(404);
      expect(response.json.error).toEqual({
        code: "NOT_FOUND",
        message: "Load test 'lt_missing' was not found",
      });
    }
  });

  test("get and list show stored runs; stopping a finished run changes nothing", async () => {
    await storedRun("lt_a", "before");
    const got = await callRoute(loadTestRoute.GET, { ...one("lt_a"), headers: admin });
    expect(got.status).toBe(200);
    const run = loadTestSchema.parse(got.json);
    expect(run).toMatchObject({
      status: "completed",
      sla_met: true,
      max_users_within_sla: 2,
      label: "before",
    });
    expect(got.text).not.toContain("a question");
    const list = loadTestListSchema.parse(
      (await callRoute(loadTestsRoute.GET, { path: "/admin/loadtests?limit=5", headers: admin })).json,
    );
    expect(list.data.map((entry) => entry.id)).toEqual(["lt_a"]);
    const stopped = await callRoute(stopRoute.POST, {
      ...one("lt_a", "/stop"),
      method: "POST",
      headers: admin,
    });
    expect(stopped.status).toBe(200);
    expect(stopped.json.status).toBe("completed");
  });

  test("the report downloads as Markdown, CSV or JSON, with other runs side by side", async () => {
    await storedRun("lt_a", "before");
    await storedRun("lt_b", "after");
    const md = await download("lt_a", "?compare=lt_b");
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toBe('attachment; filename="loadtest-lt_a-vs-lt_b.md"');
    expect(md.text).toContain("# Load test report: before vs after");
    expect(md.text).toContain("| before | ✅ | ✅ |");

    const csv = await download("lt_a", "?format=csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.text.split("\n")[0]).toMatch(
      /^run_id,model,users,avg_ms,median_ms,p90_ms,p95_ms,p99_ms,error_rate,throughput_per_min,sla_met/,
    );

    const json = await callRoute(reportRoute.GET, {
      ...one("lt_a", "/report?format=json&compare=lt_b"),
      headers: admin,
    });
    const report = loadTestReportSchema.parse(json.json);
    expect(report.runs.map((entry) => [entry.id, entry.simulator])).toEqual([
      ["lt_a", true],
      ["lt_b", true],
    ]);

    const bad = await callRoute(reportRoute.GET, { ...one("lt_a", "/report?format=pdf"), headers: admin });
    expect(bad.status).toBe(400);
    const tooMany = await callRoute(reportRoute.GET, {
      ...one("lt_a", "/report?compare=a,b,c,d"),
      headers: admin,
    });
    expect(tooMany.json.error.message).toBe("Invalid query.compare: compare at most 3 other runs");
    const missing = await callRoute(reportRoute.GET, {
      ...one("lt_a", "/report?compare=lt_zzz"),
      headers: admin,
    });
    expect(missing.status).toBe(404);
  });
});
