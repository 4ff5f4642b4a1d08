// Usage accounting on both databases: every exchange adds to the rollups as it is recorded (tokens,
// reasoning, time on the backend, outcome, channel, key, end user, model, backend), priced with
// the backend's prices; reports group, filter and name their rows; usage outlives erasure;
// rollups past their use are pruned; and who may read it.
import { describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { usageExportQuerySchema, usageQuerySchema, type UsageQueryInput } from "@/server/schemas/usage";
import { createKeyActor, createUserActor, keyActor, master } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import type { Actor } from "../access/actor";
import { updateBackend } from "../backends/update-backend";
import { askAssistant } from "../runtime/ask-assistant";
import { eraseEndUser } from "../sessions/erase-end-user";
import { exportUsage } from "./export-usage";
import { pruneUsageRollups } from "./prune-usage-rollups";
import { readUsage } from "./read-usage";

const simulator = simulatorForFile();

const ask = (actor: Actor, assistantId: string, extra: { user?: string; channel?: string } = {}) =>
  askAssistant(
    actor,
    assistantId,
    {
      message: "How do refunds work?",
      reasoning: true,
      ...(extra.user ? { user: extra.user } : {}),
      ...(extra.channel ? { metadata: { channel: extra.channel } } : {}),
    },
    new AbortController().signal,
  );

const report = (query: UsageQueryInput = {}, actor: Actor = master) =>
  readUsage(actor, usageQuerySchema.parse(query));

const rowOf = (rows: Array<{ key: string }>, key: string) => rows.find((row) => row.key === key);

describe("usage accounting", () => {
  test("each exchange adds its tokens, reasoning, GPU time and outcome, per assistant, key, user and channel", async () => {
    const backend = await registerSimulatorBackend(simulator(), { name: "usage-sim" });
    await createChatAssistant("support");
    await createChatAssistant("sales");
    const { actor: key } = await createKeyActor("runtime");
    const first = await ask(key, "support", { user: "alice" });
    await ask(key, "support", { user: "bob" });
    await ask(master, "sales");
    await ask(master, "sales", { channel: "loadtest" });

    const byAssistant = await report();
    expect(byAssistant).toMatchObject({ object: "usage.report", group_by: "assistant", currency: "USD" });
    expect(byAssistant.totals.requests).toBe(4);
    expect(byAssistant.totals.completed).toBe(4);
    // The simulator's answer: 20 tokens of text after a few of reasoning, which vLLM does not count
    // apart: Hearth takes their share of the generated text.
    const completion = first.usage?.completion_tokens ?? 0;
    expect(completion).toBeGreaterThan(20);
    expect(byAssistant.totals.completion_tokens).toBe(4 * completion);
    expect(byAssistant.totals.prompt_tokens).toBeGreaterThan(0);
    expect(byAssistant.totals.reasoning_tokens).toBeGreaterThan(0);
    expect(byAssistant.totals.reasoning_tokens).toBeLessThan((4 * completion) / 2);
    expect(byAssistant.totals.total_tokens).toBe(
      byAssistant.totals.prompt_tokens + byAssistant.totals.completion_tokens,
    );
    expect(byAssistant.totals.gpu_seconds).toBeGreaterThan(0);
    expect(byAssistant.totals.cost).toBe(0);
    expect(byAssistant.priced).toBe(false);
    expect(byAssistant.rows.map((row) => [row.key, row.label, row.requests])).toEqual([
      ["sales", "sales", 2],
      ["support", "support", 2],
    ]);

    const byKey = await report({ group_by: "key" });
    expect(rowOf(byKey.rows, key.keyId)).toMatchObject({
      requests: 2,
      label: expect.stringContaining("test runtime key") as string,
    });
    expect(rowOf(byKey.rows, "")).toMatchObject({
      requests: 2,
      label: expect.stringContaining("No API key") as string,
    });

    const byUser = await report({ group_by: "user", assistant_id: "support" });
    expect(byUser.rows.map((row) => [row.label, row.assistant_id, row.requests]).sort()).toEqual([
      ["alice", "support", 1],
      ["bob", "support", 1],
    ]);

    const byChannel = await report({ group_by: "channel" });
    expect(byChannel.rows.map((row) => [row.key, row.requests]).sort()).toEqual([
      ["api", 3],
      ["loadtest", 1],
    ]);
    const byBackend = await report({ group_by: "backend" });
    expect(byBackend.rows).toEqual([
      expect.objectContaining({ key: backend.id, label: "usage-sim", requests: 4 }),
    ]);
    const byModel = await report({ group_by: "model" });
    expect(byModel.rows).toEqual([expect.objectContaining({ key: "gpt-oss-20b", requests: 4 })]);

    // Filters narrow every figure.
    expect((await report({ api_key_id: key.keyId })).totals.requests).toBe(2);
    expect((await report({ api_key_id: "none" })).totals.requests).toBe(2);
    expect((await report({ user: "alice" })).totals.requests).toBe(1);
    expect((await report({ channel: "loadtest" })).totals.requests).toBe(1);
    expect((await report({ backend_id: backend.id, model: "gpt-oss-20b" })).totals.requests).toBe(4);
    expect((await report({ outcome: "failed" })).totals.requests).toBe(0);
  });

  test("failures and concurrent exchanges are all counted, each once", async () => {
    await registerSimulatorBackend(simulator(), { name: "usage-sim-2" });
    await createChatAssistant("busy");
    await Promise.all(Array.from({ length: 12 }, () => ask(master, "busy")));
    simulator().setFaults({ error: { status: 500, next: 1 } });
    await ask(master, "busy").catch(() => undefined);
    simulator().clearFaults();

    const usage = await report({ group_by: "outcome" });
    expect(usage.totals).toMatchObject({ requests: 13, completed: 12, failed: 1, cancelled: 0 });
    expect(usage.rows.map((row) => [row.key, row.requests])).toEqual([
      ["completed", 12],
      ["failed", 1],
    ]);
  });

  test("the backend's prices turn tokens and GPU time into cost, from when they are set", async () => {
    const backend = await registerSimulatorBackend(simulator(), { name: "priced-sim" });
    await createChatAssistant("priced");
    await ask(master, "priced");
    await updateBackend(master, backend.id, {
      prices: { input_per_million: 2, output_per_million: 8, gpu_hour: 3.6 },
    });
    await ask(master, "priced");

    const usage = await report({ group_by: "day" });
    expect(usage.priced).toBe(true);
    const rows = await getDb().message.findMany({
      where: { assistantId: "priced", role: "assistant" },
      orderBy: { createdAt: "asc" },
    });
    const last = rows[1]!;
    const [rollup] = await getDb().usageRollup.findMany({ where: { period: "day" } });
    const gpuMs = Number(rollup!.gpuMs);
    // Only the second answer is priced; its GPU time is at most the whole rollup's.
    const tokenCost = ((last.promptTokens ?? 0) * 2 + (last.completionTokens ?? 0) * 8) / 1e6;
    expect(usage.totals.cost).toBeGreaterThanOrEqual(tokenCost);
    expect(usage.totals.cost).toBeLessThanOrEqual(tokenCost + (gpuMs * 3.6) / 3.6e6 + 1e-6);
    expect(usage.rows).toHaveLength(1);
    expect(usage.rows[0]!.cost).toBe(usage.totals.cost);
  });

  test("usage outlives an end user's erasure, which leaves an unnamed row", async () => {
    await registerSimulatorBackend(simulator(), { name: "usage-sim-3" });
    await createChatAssistant("private");
    await ask(master, "private", { user: "carol" });
    await eraseEndUser(master, "private", "carol");

    const usage = await report({ group_by: "user" });
    expect(usage.totals.requests).toBe(1);
    expect(usage.rows).toEqual([expect.objectContaining({ label: "(erased end user)", requests: 1 })]);
    expect(JSON.stringify(usage)).not.toContain("carol");
  });
});

describe("usage reports", () => {
  test("the rollup follows the range; the series has every bucket; groups by day and hour are in order", async () => {
    await registerSimulatorBackend(simulator(), { name: "usage-sim-4" });
    await createChatAssistant("series");
    await ask(master, "series");
    const now = Date.now();

    const lastHour = await report({ from: new Date(now - 3_600_000).toISOString() });
    expect(lastHour.granularity).toBe("minute");
    expect(lastHour.series.length).toBeGreaterThanOrEqual(60);
    expect(lastHour.series.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(1);

    const week = await report({ group_by: "day" });
    expect(week.granularity).toBe("hour");
    expect(week.series).toHaveLength(7 * 24 + 1);
    expect(week.rows).toEqual([
      expect.objectContaining({ key: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`, requests: 1 }),
    ]);

    const year = await report({
      from: new Date(now - 300 * 86_400_000).toISOString(),
      group_by: "hour",
    }).catch((error: unknown) => error as AppError);
    expect(year).toMatchObject({ code: "INVALID_INPUT" });
    const quarter = await report({ from: new Date(now - 60 * 86_400_000).toISOString() });
    expect(quarter.granularity).toBe("day");
    expect(quarter.totals.requests).toBe(1);
  });

  test("bad ranges are refused", () => {
    expect(usageQuerySchema.safeParse({ from: "2026-05-02", to: "2026-05-01" }).success).toBe(false);
    expect(usageQuerySchema.safeParse({ from: "2020-01-01", to: "2026-05-01" }).success).toBe(false);
    expect(usageQuerySchema.safeParse({ group_by: "planet" }).success).toBe(false);
    expect(usageQuerySchema.safeParse({ extra: "1" }).success).toBe(false);
  });

  test("exports CSV with a header and formula-safe cells, or the JSON report", async () => {
    await registerSimulatorBackend(simulator(), { name: "usage-sim-5" });
    await createChatAssistant("csv");
    await ask(master, "csv", { user: "=cmd()" });
    const csv = await exportUsage(master, usageExportQuerySchema.parse({ group_by: "user" }));
    expect(csv.contentType).toContain("text/csv");
    expect(csv.filename).toMatch(/^usage-by-user-.*\.csv$/);
    const [header, row] = csv.body.trim().split("\n");
    expect(header).toBe(
      "user,label,assistant_id,requests,completed,failed,cancelled,prompt_tokens,completion_tokens,reasoning_tokens,total_tokens,gpu_seconds,cost",
    );
    expect(row).toContain("'=cmd()");
    const json = await exportUsage(master, usageExportQuerySchema.parse({ format: "json" }));
    expect(JSON.parse(json.body)).toMatchObject({ object: "usage.report", totals: { requests: 1 } });
  });

  test("admins, operators, viewers and admin keys read usage; runtime keys and anonymous callers do not", async () => {
    for (const role of ["admin", "operator", "viewer"] as const) {
      await expect(report({}, await createUserActor(role))).resolves.toMatchObject({
        object: "usage.report",
      });
    }
    await expect(report({}, keyActor("admin"))).resolves.toMatchObject({ object: "usage.report" });
    expect(await rejectionOf(report({}, keyActor("runtime")))).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejectionOf(report({}, { kind: "anonymous" }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("pruneUsageRollups", () => {
  test("drops minute rows after 2 days and hour rows after 90, keeps days", async () => {
    const db = getDb();
    const row = (period: "minute" | "hour" | "day", daysAgo: number) => ({
      period,
      bucket: new Date(Date.now() - daysAgo * 86_400_000),
      assistantId: "gone",
      apiKeyId: "",
      endUserId: "",
      channel: "api" as const,
      model: "m",
      backendId: "",
      outcome: "completed" as const,
      requests: 1,
      promptTokens: 1n,
      completionTokens: 1n,
      reasoningTokens: 0n,
      gpuMs: 1n,
      cost: 0,
    });
    await db.usageRollup.createMany({
      data: [row("minute", 1), row("minute", 3), row("hour", 80), row("hour", 100), row("day", 1000)],
    });
    expect(await pruneUsageRollups()).toBe(2);
    const left = await db.usageRollup.findMany({ orderBy: { bucket: "asc" } });
    expect(left.map((kept) => kept.period)).toEqual(["day", "hour", "minute"]);
  });
});
