// The SLA load test end to end: virtual users over real HTTP against Hearth's runtime route
// handlers, a backend on the vLLM simulator behind them, runs stored and reported.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as askRoute from "@/app/assistants/[assistant_id]/ask/route";
import * as streamRoute from "@/app/assistants/[assistant_id]/stream/route";
import { getDb } from "@/server/db/client";
import {
  startLoadTestInputSchema,
  type LoadTestDto,
  type StartLoadTestRequest,
} from "@/server/schemas/loadtest";
import { setAssistantEnabled } from "@/server/services/assistants/set-assistant-enabled";
import { askAssistant } from "@/server/services/runtime/ask-assistant";
import { createUserActor, keyActor, master } from "@/server/test/actors";
import {
  createChatAssistant,
  registerSimulatorBackend,
  simulatorForFile,
  SIM_MODEL,
  waitFor,
} from "@/server/test/chat";
import { startRouteServer, type RouteServer } from "@/server/test/route-server";
import { settleActiveRuns } from "./active-runs";
import { findLoadTest, getLoadTest, listLoadTests } from "./get-loadtest";
import { reapStaleRuns, STALE_AFTER_MS } from "./reap-stale-runs";
import { buildReport } from "./report/build-report";
import { startLoadTest } from "./start-loadtest";
import { stopLoadTest } from "./stop-loadtest";

// About 70 ms an answer: enough requests per second of a level to have percentiles.
const simulator = simulatorForFile({ ttftMs: 20, tokensPerSecond: 500, answerTokens: 20 });
let server: RouteServer;

beforeAll(async () => {
  server = await startRouteServer([
    { path: "/assistants/{assistant_id}/ask", handlers: { POST: askRoute.POST } },
    { path: "/assistants/{assistant_id}/stream", handlers: { POST: streamRoute.POST } },
  ]);
});

afterAll(async () => {
  await server.close();
});

beforeEach(async () => {
  simulator().clearFaults();
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support");
});

// A run still going when a test ends would write into the next test's (emptied) database.
afterEach(async () => {
  const runs = await getDb().loadTestRun.findMany({ where: { status: { in: ["queued", "running"] } } });
  await Promise.all(runs.map((run) => stopLoadTest(master, run.id)));
  await settleActiveRuns();
});

function scenario(input: Partial<StartLoadTestRequest> = {}) {
  return startLoadTestInputSchema.parse({
    assistant_id: "support",
    user_levels: [1, 2],
    duration_seconds: 2,
    ...input,
  });
}

async function finished(id: string, timeoutMs = 15_000): Promise<LoadTestDto> {
  let run: LoadTestDto | undefined;
  await waitFor(async () => {
    run = await findLoadTest(id);
    return run.status !== "queued" && run.status !== "running";
  }, timeoutMs);
  return run!;
}

const start = (input: Partial<StartLoadTestRequest> = {}) =>
  startLoadTest(master, scenario(input), { targetUrl: server.url });

describe("a load test against the simulator", () => {
  test("stream: every level has every figure, a verdict, and names the simulator", async () => {
    const queued = await start();
    expect(queued).toMatchObject({ status: "queued", assistant_id: "support", created_by: "master_key" });
    expect(queued.scenario).toMatchObject({
      endpoint: "stream",
      user_levels: [1, 2],
      duration_seconds: 2,
      requests_per_user: null,
      prompts: { source: "builtin", count: 20 },
      sla: { avg_ms: 90_000, p95_ms: null, ttft_ms: null, error_rate: null },
    });

    const run = await finished(queued.id);
    expect(run.status).toBe("completed");
    expect(run.error).toBeNull();
    expect(run.levels.map((level) => [level.users, level.status])).toEqual([
      [1, "completed"],
      [2, "completed"],
    ]);
    for (const level of run.levels) {
      const result = level.result!;
      expect(result.requests).toBeGreaterThan(3);
      expect(result.successes).toBe(result.requests);
      expect(result.duration_ms).toBeGreaterThanOrEqual(2000);
      for (const value of Object.values(result.response_ms)) expect(value).toBeGreaterThan(0);
      expect(result.response_ms.p99!).toBeGreaterThanOrEqual(result.response_ms.median!);
      expect(result.ttft_ms.avg).toBeGreaterThan(0);
      expect(result.ttft_ms.avg!).toBeLessThan(result.response_ms.avg!);
      expect(result.tokens_per_second).toBeGreaterThan(0);
      expect(result.output_tokens_per_second).toBeGreaterThan(0);
      expect(result.throughput_per_min).toBeGreaterThan(0);
      expect(result.error_rate).toBe(0);
      expect(result.goodput).toBe(1);
      expect(result.sla_met).toBe(true);
    }
    expect(run.sla_met).toBe(true);
    expect(run.max_users_within_sla).toBe(2);
    expect(run.served_by).toEqual([
      {
        backend: "sim",
        model: SIM_MODEL,
        requests: expect.any(Number) as number,
        kind: "simulator",
        simulator: true,
      },
    ]);
    expect(run.served_by[0]!.requests).toBe(
      run.levels.reduce((sum, level) => sum + level.result!.successes, 0),
    );

    // The run's key is gone; its traffic is stored as load test sessions, one end user per virtual user.
    expect(await getDb().apiKey.count()).toBe(0);
    const sessions = await getDb().chatSession.findMany({ include: { endUser: true } });
    expect(sessions.length).toBe(run.served_by[0]!.requests);
    expect(new Set(sessions.map((session) => session.endUser?.externalId))).toEqual(
      new Set([`loadtest-${run.id}-u1`, `loadtest-${run.id}-u2`]),
    );
    expect(sessions[0]!.metadata).toEqual({ channel: "loadtest", loadtest_id: run.id });

    const report = buildReport([run]);
    expect(report.comparative_results).toHaveLength(2);
    expect(report.runs[0]).toMatchObject({ name: SIM_MODEL, simulator: true, max_users_within_sla: 2 });
  });

  test("ask with requests per user: each user sends exactly that many; TTFT is the server's", async () => {
    const run = await finished(
      (await start({ endpoint: "ask", duration_seconds: undefined, requests_per_user: 3 })).id,
    );
    expect(run.status).toBe("completed");
    expect(run.levels.map((level) => level.result!.requests)).toEqual([3, 6]);
    const result = run.levels[1]!.result!;
    expect(result.ttft_ms.avg).toBeGreaterThan(0);
    expect(result.tokens_per_second).toBeGreaterThan(0);
  });

  test("an impossible SLA fails every level: no user level is within it", async () => {
    const run = await finished(
      (await start({ requests_per_user: 2, duration_seconds: undefined, sla: { avg_ms: 1 } })).id,
    );
    expect(run.levels.map((level) => level.result!.sla_met)).toEqual([false, false]);
    expect(run.levels[0]!.result!.sla_checks).toContainEqual(
      expect.objectContaining({ target: "avg_ms", limit: 1, met: false }),
    );
    expect(run.levels[0]!.result!.goodput).toBe(0);
    expect(run.sla_met).toBe(false);
    expect(run.max_users_within_sla).toBeNull();
  });

  test("the SLA defaults to the assistant's targets", async () => {
    await getDb().assistant.update({
      where: { id: "support" },
      data: { slaAvgMs: 5000, slaP95Ms: 8000, slaTtftMs: 2000 },
    });
    const run = await start({ requests_per_user: 1, duration_seconds: undefined, user_levels: [1] });
    expect(run.scenario.sla).toEqual({ avg_ms: 5000, p95_ms: 8000, ttft_ms: 2000, error_rate: null });
    const done = await finished(run.id);
    expect(done.levels[0]!.result!.sla_checks.map((check) => check.target)).toEqual([
      "successes",
      "avg_ms",
      "p95_ms",
      "ttft_ms",
    ]);
  });

  test("failed answers are counted by class, and fail the level", async () => {
    simulator().setFaults({ error: { status: 500 } });
    const run = await finished(
      (await start({ requests_per_user: 2, duration_seconds: undefined, user_levels: [1], endpoint: "ask" }))
        .id,
    );
    const result = run.levels[0]!.result!;
    expect(result).toMatchObject({
      requests: 2,
      successes: 0,
      errors: 2,
      error_rate: 1,
      sla_met: false,
      throughput_per_min: 0,
    });
    expect(result.errors_by_class.server_error).toBe(2);
    expect(result.response_ms.avg).toBeNull();
  });

  test("a cut stream is an error, never an answer", async () => {
    simulator().setFaults({ cut: { afterTokens: 3 } });
    const run = await finished(
      (await start({ requests_per_user: 2, duration_seconds: undefined, user_levels: [1] })).id,
    );
    const result = run.levels[0]!.result!;
    expect(result.successes).toBe(0);
    expect(result.errors).toBe(2);
  });
});

describe("stopping and interruption", () => {
  test("a stopped run ends at once: the running level keeps its figures, later levels never start", async () => {
    const run = await start({ user_levels: [2, 4], duration_seconds: 60 });
    await waitFor(async () => ((await findLoadTest(run.id)).levels[0]!.result?.requests ?? 0) > 0, 10_000);
    const began = Date.now();
    const stopped = await stopLoadTest(master, run.id);
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(stopped.status).toBe("stopped");
    expect(stopped.stop_requested_at).not.toBeNull();
    expect(stopped.levels.map((level) => level.status)).toEqual(["stopped", "pending"]);
    expect(stopped.levels[0]!.result!.requests).toBeGreaterThan(0);
    expect(stopped.sla_met).toBeNull();
    expect(await getDb().apiKey.count()).toBe(0);
    // Stopping again changes nothing.
    expect((await stopLoadTest(master, run.id)).status).toBe("stopped");
  });

  test("one load test runs at a time", async () => {
    const run = await start({ duration_seconds: 30 });
    await expect(start()).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(run.id) as string,
    });
    await stopLoadTest(master, run.id);
  });

  test("a run whose process stopped is marked interrupted, and its key deleted", async () => {
    const old = new Date(Date.now() - STALE_AFTER_MS - 1000);
    const key = await getDb().apiKey.create({
      data: {
        id: "key_lt",
        name: "Load test lt_old",
        prefix: "hth_xxxxxxxx",
        hash: "0".repeat(64),
        scope: "runtime",
        assistantIds: ["support"],
      },
    });
    await getDb().loadTestRun.create({
      data: {
        id: "lt_old",
        assistantId: "support",
        status: "running",
        scenario: scenario(),
        createdBy: "master_key",
        apiKeyId: key.id,
        heartbeatAt: old,
        levels: { create: [{ id: "lt_old_0", position: 0, users: 1, status: "running" }] },
      },
    });
    await getDb().loadTestRun.create({
      data: {
        id: "lt_fresh",
        assistantId: "support",
        status: "running",
        scenario: {},
        createdBy: "x",
        heartbeatAt: new Date(),
      },
    });
    expect(await reapStaleRuns()).toBe(1);
    const row = await getDb().loadTestRun.findUniqueOrThrow({
      where: { id: "lt_old" },
      include: { levels: true },
    });
    expect(row).toMatchObject({ status: "interrupted", apiKeyId: null });
    expect(row.error).toMatch(/stopped .* before it finished/);
    expect(row.finishedAt).not.toBeNull();
    expect(row.levels[0]!.status).toBe("stopped");
    expect(await getDb().apiKey.count()).toBe(0);
    expect((await getDb().loadTestRun.findUniqueOrThrow({ where: { id: "lt_fresh" } })).status).toBe(
      "running",
    );
    await getDb().loadTestRun.delete({ where: { id: "lt_fresh" } });
  });
});

describe("starting", () => {
  test("an unknown assistant is INVALID_INPUT, a disabled one ASSISTANT_DISABLED", async () => {
    await expect(start({ assistant_id: "nobody" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "Assistant 'nobody' was not found",
    });
    await setAssistantEnabled(master, "support", false);
    await expect(start()).rejects.toMatchObject({ code: "ASSISTANT_DISABLED" });
    expect(await getDb().loadTestRun.count()).toBe(0);
  });

  test("only admins start runs; every console role reads them; runtime keys do neither", async () => {
    for (const role of ["operator", "viewer"] as const) {
      const user = await createUserActor(role);
      await expect(startLoadTest(user, scenario())).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listLoadTests(user, { limit: 20 })).resolves.toMatchObject({ object: "list", total: 0 });
    }
    const runtime = keyActor("runtime", ["support"]);
    await expect(startLoadTest(runtime, scenario())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listLoadTests(runtime, { limit: 20 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getLoadTest(master, "lt_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(stopLoadTest(master, "lt_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("prompts sampled from sessions are people's latest distinct questions, without load test traffic", async () => {
    await expect(start({ prompts: { source: "sessions", limit: 10 } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    for (const message of [
      "How do I reset my password?",
      "Where is my order?",
      "How do I reset my password?",
    ]) {
      await askAssistant(master, "support", { message, reasoning: false }, new AbortController().signal);
    }
    await askAssistant(
      master,
      "support",
      { message: "synthetic", metadata: { channel: "loadtest" }, reasoning: false },
      new AbortController().signal,
    );
    const run = await start({
      prompts: { source: "sessions", limit: 10 },
      requests_per_user: 1,
      duration_seconds: undefined,
      user_levels: [1],
    });
    expect(run.scenario.prompts).toEqual({ source: "sessions", count: 2 });
    const stored = await getDb().loadTestRun.findUniqueOrThrow({ where: { id: run.id } });
    expect((stored.scenario as { prompt_items: string[] }).prompt_items).toEqual([
      "How do I reset my password?",
      "Where is my order?",
    ]);
    await finished(run.id);
  });

  test("runs are listed newest first, filtered by assistant and status", async () => {
    const first = await finished(
      (await start({ user_levels: [1], requests_per_user: 1, duration_seconds: undefined })).id,
    );
    const second = await finished(
      (await start({ user_levels: [1], requests_per_user: 1, duration_seconds: undefined, label: "after" }))
        .id,
    );
    const list = await listLoadTests(master, { limit: 20 });
    expect(list.data.map((run) => run.id)).toEqual([second.id, first.id]);
    expect(list.data[0]!.label).toBe("after");
    expect((await listLoadTests(master, { limit: 20, assistant_id: "other" })).total).toBe(0);
    expect((await listLoadTests(master, { limit: 20, status: "completed" })).total).toBe(2);
  });
});
