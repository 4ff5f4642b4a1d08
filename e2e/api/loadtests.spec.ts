// The SLA load test through the admin API against the production build, with the vLLM simulator
// as the model backend: a short run produces every figure of the reference report; a run can be
// stopped; the report exports; invalid input, other callers and unknown runs get their errors.
import { parse } from "csv-parse/sync";
import { bearer, expect, expectApiError, newUniqueId, test } from "../fixtures";
import { SIM_MODEL } from "../support/env";
import { startLoadTest, waitForRun } from "../support/loadtests";
import { createAssistant, createRuntimeKey } from "../support/runtime-api";

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.describe("POST /admin/loadtests", () => {
  test("a short run against the simulator has every column of the reference table", async ({ api }) => {
    const assistant = await createAssistant(api, newUniqueId("lt"));
    const started = await startLoadTest(api, {
      assistant_id: assistant,
      user_levels: [1, 2],
      duration_seconds: 3,
      label: "e2e",
    });
    expect(started).toMatchObject({ status: "queued" });
    const run = await waitForRun(api, started.id);
    expect(run.status, run.error ?? "").toBe("completed");
    expect(run.levels.map((level) => level.users)).toEqual([1, 2]);
    for (const level of run.levels) {
      const result = level.result!;
      expect(level.status).toBe("completed");
      expect(result.requests).toBeGreaterThan(2);
      expect(result.error_rate).toBe(0);
      for (const value of Object.values(result.response_ms)) expect(value).toBeGreaterThan(0);
      for (const value of Object.values(result.ttft_ms)) expect(value).toBeGreaterThan(0);
      expect(result.tokens_per_second).toBeGreaterThan(0);
      expect(result.throughput_per_min).toBeGreaterThan(0);
      expect(result.goodput).toBe(1);
      expect(result.sla_met).toBe(true);
    }
    expect(run).toMatchObject({ sla_met: true, max_users_within_sla: 2 });
    expect(run.served_by).toEqual([
      {
        backend: "env-llm",
        model: SIM_MODEL,
        requests: expect.any(Number) as unknown as number,
        kind: "simulator",
        simulator: true,
      },
    ]);

    // The report: Markdown with both tables and the four charts, CSV with every column, JSON.
    const md = await api.get(`/admin/loadtests/${run.id}/report`);
    expect(md.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
    const markdown = await md.text();
    expect(markdown).toContain(
      "| Model | Users | Avg (ms) | Median (ms) | %90 (ms) | %95 (ms) | %99 (ms) | Error Rate | Throughput (/min) | SLA (≤ 90s) |",
    );
    expect(markdown).toContain("| Model | 1 Users | 2 Users |");
    expect(markdown).toContain("| e2e | ✅ | ✅ |");
    expect(markdown.match(/```mermaid/g)).toHaveLength(4);
    expect(markdown).toContain("vLLM simulator");
    const csvText = await (await api.get(`/admin/loadtests/${run.id}/report?format=csv`)).text();
    const csv = parse<Record<string, string>>(csvText, { columns: true });
    expect(csv).toHaveLength(2);
    for (const column of [
      "avg_ms",
      "median_ms",
      "p90_ms",
      "p95_ms",
      "p99_ms",
      "error_rate",
      "throughput_per_min",
      "sla_met",
      "ttft_avg_ms",
      "tokens_per_second",
      "goodput",
      "errors_cut_stream",
    ]) {
      expect(csv[0]![column], column).not.toBe("");
    }
    const json = (await (await api.get(`/admin/loadtests/${run.id}/report?format=json`)).json()) as {
      charts: Record<string, unknown[]>;
    };
    expect(json.charts.average_ms).toHaveLength(2);

    const listed = (await (await api.get("/admin/loadtests?limit=100")).json()) as { data: { id: string }[] };
    expect(listed.data.map((entry) => entry.id)).toContain(run.id);
  });

  test("a run can be stopped: the running level keeps its figures, later levels never start", async ({
    api,
  }) => {
    const assistant = await createAssistant(api, newUniqueId("lt-stop"));
    const started = await startLoadTest(api, {
      assistant_id: assistant,
      user_levels: [1, 2],
      duration_seconds: 60,
    });
    await expect
      .poll(
        async () => {
          const run = (await (await api.get(`/admin/loadtests/${started.id}`)).json()) as {
            levels: { result: { requests: number } | null }[];
          };
          return run.levels[0]!.result?.requests ?? 0;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    const stopped = await api.post(`/admin/loadtests/${started.id}/stop`);
    expect(stopped.status()).toBe(200);
    const run = await waitForRun(api, started.id, 15_000);
    expect(run.status).toBe("stopped");
    expect(run.levels.map((level) => level.status)).toEqual(["stopped", "pending"]);
    expect(run.levels[0]!.result!.requests).toBeGreaterThan(0);
  });

  test("an invalid scenario is 400 with the field named", async ({ api }) => {
    const body = await expectApiError(
      await api.post("/admin/loadtests", { data: { assistant_id: "support", user_levels: [2, 2] } }),
      400,
      "INVALID_INPUT",
    );
    expect(body.error.message).toBe("Invalid body.user_levels: user levels must be different");
    const unknown = await expectApiError(
      await api.post("/admin/loadtests", { data: { assistant_id: newUniqueId("nobody") } }),
      400,
      "INVALID_INPUT",
    );
    expect(unknown.error.message).toMatch(/^Assistant '.+' was not found$/);
  });

  test("a runtime key is 403 on every load test endpoint; no key is 401", async ({
    api,
    playwright,
    baseURL,
  }) => {
    const key = await createRuntimeKey(api, []);
    const asRuntime = await playwright.request.newContext({ baseURL, extraHTTPHeaders: bearer(key) });
    await expectApiError(
      await asRuntime.post("/admin/loadtests", { data: { assistant_id: "x" } }),
      403,
      "FORBIDDEN",
    );
    await expectApiError(await asRuntime.get("/admin/loadtests"), 403, "FORBIDDEN");
    await expectApiError(await asRuntime.post("/admin/loadtests/lt_x/stop"), 403, "FORBIDDEN");
    await asRuntime.dispose();
    const anonymous = await playwright.request.newContext({ baseURL });
    await expectApiError(await anonymous.get("/admin/loadtests"), 401, "UNAUTHORIZED");
    await anonymous.dispose();
  });

  test("an unknown run is 404", async ({ api }) => {
    await expectApiError(await api.get("/admin/loadtests/lt_missing"), 404, "NOT_FOUND");
    await expectApiError(await api.post("/admin/loadtests/lt_missing/stop"), 404, "NOT_FOUND");
    await expectApiError(await api.get("/admin/loadtests/lt_missing/report"), 404, "NOT_FOUND");
  });
});
