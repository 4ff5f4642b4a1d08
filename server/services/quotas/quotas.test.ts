// Quotas on both databases: per API key and per end user, each limit refusing with 429 RATE_LIMITED
// naming the quota, when to try again and nothing recorded; changed quotas hold at once; a key's
// use of its quotas as its owner reads it.
import { describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { NO_QUOTAS, type Quotas } from "@/server/schemas/quotas";
import { createUserActor, master } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import type { Actor } from "../access/actor";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { createApiKey } from "../api-keys/create-api-key";
import { updateApiKey } from "../api-keys/update-api-key";
import { updateAssistant } from "../assistants/update-assistant";
import { updateBackend } from "../backends/update-backend";
import { prepareExchange } from "../chat/prepare-exchange";
import { askAssistant } from "../runtime/ask-assistant";
import { readKeyQuotaUsage, readKeysQuotaUsage } from "./read-quota-usage";

const simulator = simulatorForFile();

const ask = (actor: Actor, assistantId: string, user?: string) =>
  askAssistant(
    actor,
    assistantId,
    { message: "What is the warranty?", reasoning: false, ...(user ? { user } : {}) },
    new AbortController().signal,
  );

async function keyWith(
  quotas: Partial<Quotas>,
): Promise<{ id: string; secret: string; actor: () => Promise<Actor> }> {
  const created = await createApiKey(master, {
    name: "quota key",
    scope: "runtime",
    assistant_ids: [],
    quotas: { ...NO_QUOTAS, ...quotas },
  });
  return { id: created.id, secret: created.key, actor: () => authenticateApiKey(created.key) };
}

async function refusal(promise: Promise<unknown>) {
  const error = await rejectionOf<AppError>(promise);
  expect(error.code).toBe("RATE_LIMITED");
  return {
    details: error.details as Record<string, unknown>,
    rateLimit: error.rateLimit!,
    message: error.message,
  };
}

describe("API key quotas", () => {
  test("requests per minute: over the limit is refused, named, with when to retry, and nothing is recorded", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim" });
    await createChatAssistant("quota");
    const key = await keyWith({ requests_per_minute: 2 });
    await ask(await key.actor(), "quota");
    await ask(await key.actor(), "quota");
    const sessionsBefore = await getDb().chatSession.count();

    const refused = await refusal(ask(await key.actor(), "quota"));
    expect(refused.details).toMatchObject({ quota: "requests_per_minute", subject: "api_key", limit: 2 });
    expect(refused.message).toContain("requests per minute");
    expect(refused.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    expect(refused.rateLimit.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.rateLimit.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await getDb().chatSession.count()).toBe(sessionsBefore);

    // Keys without quotas, and the master key, are not limited.
    const free = await keyWith({});
    for (let i = 0; i < 3; i++) await ask(await free.actor(), "quota");

    const usage = await readKeyQuotaUsage(master, key.id);
    expect(usage.data).toEqual([
      expect.objectContaining({ quota: "requests_per_minute", limit: 2, used: 2 }),
    ]);
  });

  test("the console's list reads many keys' use in one request; admins only", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim-7" });
    await createChatAssistant("listed");
    const limited = await keyWith({ requests_per_minute: 5 });
    const daily = await keyWith({ tokens_per_day: 1_000_000 });
    await ask(await limited.actor(), "listed");
    const many = await readKeysQuotaUsage(master, [limited.id, daily.id, "key_missing", limited.id]);
    expect(many.data.map((entry) => entry.id).sort()).toEqual([limited.id, daily.id].sort());
    const byId = Object.fromEntries(many.data.map((entry) => [entry.id, entry.usage]));
    expect(byId[limited.id]).toEqual([expect.objectContaining({ quota: "requests_per_minute", used: 1 })]);
    expect(byId[daily.id]).toEqual([expect.objectContaining({ quota: "tokens_per_day", used: 0 })]);
    const viewer = await createUserActor("viewer");
    expect((await rejectionOf<AppError>(readKeysQuotaUsage(viewer, [limited.id]))).code).toBe("FORBIDDEN");
  });

  test("tokens per day and month, and cost per month, from the recorded usage", async () => {
    const backend = await registerSimulatorBackend(simulator(), { name: "quota-sim-2" });
    await createChatAssistant("metered");
    const daily = await keyWith({ tokens_per_day: 10 });
    const answer = await ask(await daily.actor(), "metered");
    const tokens = answer.usage.prompt_tokens + answer.usage.completion_tokens;
    expect(tokens).toBeGreaterThan(10);
    const refusedDay = await refusal(ask(await daily.actor(), "metered"));
    expect(refusedDay.details).toMatchObject({ quota: "tokens_per_day", limit: 10, used: tokens });
    const untilMidnight =
      (Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) -
        Date.now()) /
      1000;
    expect(Math.abs(refusedDay.rateLimit.retryAfterSeconds - untilMidnight)).toBeLessThan(5);

    const monthly = await keyWith({ tokens_per_month: 10 });
    await ask(await monthly.actor(), "metered");
    expect((await refusal(ask(await monthly.actor(), "metered"))).details).toMatchObject({
      quota: "tokens_per_month",
    });

    await updateBackend(master, backend.id, {
      prices: { input_per_million: 1000, output_per_million: 1000, gpu_hour: null },
    });
    const budget = await keyWith({ cost_per_month: 0.001 });
    await ask(await budget.actor(), "metered");
    const refusedCost = await refusal(ask(await budget.actor(), "metered"));
    expect(refusedCost.details).toMatchObject({ quota: "cost_per_month", limit: 0.001 });

    const usage = await readKeyQuotaUsage(master, daily.id);
    expect(usage.data).toEqual([
      expect.objectContaining({ quota: "tokens_per_day", limit: 10, used: tokens }),
    ]);
  });

  test("concurrent streams: a slot per question in progress, given back when it ends", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim-3" });
    await createChatAssistant("streams");
    const key = await keyWith({ concurrent_streams: 1 });
    const first = await prepareExchange(await key.actor(), "streams", { message: "Hello" });
    expect((await refusal(ask(await key.actor(), "streams"))).details).toMatchObject({
      quota: "concurrent_streams",
      used: 1,
    });
    expect((await readKeyQuotaUsage(master, key.id)).data).toEqual([
      expect.objectContaining({ quota: "concurrent_streams", used: 1, resets_at: null }),
    ]);
    first.releaseQuotaSlots();
    first.releaseQuotaSlots();
    await ask(await key.actor(), "streams");
    await ask(await key.actor(), "streams");
  });

  test("a question that is not taken gives its slot back (a session that does not exist)", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim-5" });
    await createChatAssistant("streams-lost");
    const key = await keyWith({ concurrent_streams: 1 });
    const missing = await rejectionOf<AppError>(
      prepareExchange(await key.actor(), "streams-lost", { message: "Hello", session_id: "sess_nothing" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
    const taken = await prepareExchange(await key.actor(), "streams-lost", { message: "Hello" });
    taken.releaseQuotaSlots();
  });

  test("tokens per day: answers in progress count at the key's average answer, so a burst cannot all pass", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim-6" });
    await createChatAssistant("burst");
    const key = await keyWith({ tokens_per_day: 1_000_000 });
    const first = await ask(await key.actor(), "burst");
    const average = first.usage.prompt_tokens + first.usage.completion_tokens;
    // Room for one and a half answers more than the one recorded.
    await updateApiKey(master, key.id, {
      quotas: { ...NO_QUOTAS, tokens_per_day: Math.floor(average * 2.5) },
    });

    const prepare = async () => prepareExchange(await key.actor(), "burst", { message: "Hello" });
    const results = await Promise.allSettled([prepare(), prepare(), prepare()]);
    const admitted = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const refusals = results.flatMap((result) =>
      result.status === "rejected" ? [result.reason as AppError] : [],
    );
    expect(admitted).toHaveLength(2);
    expect(refusals).toHaveLength(1);
    const refused = await refusal(Promise.reject(refusals[0]!));
    expect(refused.details).toMatchObject({
      quota: "tokens_per_day",
      used: average,
      answers_in_progress: 2,
    });
    expect(refused.message).toMatch(
      /^Quota nearly reached: tokens per day of API key .*2 answers in progress/,
    );
    // Worth trying again soon (when an answer ends), not at midnight; the day's reset is still said.
    expect(refused.rateLimit.retryAfterSeconds).toBe(5);
    expect(refused.rateLimit.resetSeconds).toBeGreaterThan(5);

    admitted[0]!.releaseQuotaSlots();
    const again = await prepareExchange(await key.actor(), "burst", { message: "Hello" });
    again.releaseQuotaSlots();
    admitted[1]!.releaseQuotaSlots();
    // With nothing in progress, only what is recorded counts: one more answer may start.
    await ask(await key.actor(), "burst");
  });

  test("changed quotas hold from the next question; the owner and only admins manage them", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim-4" });
    await createChatAssistant("changing");
    const key = await keyWith({ requests_per_minute: 1 });
    await ask(await key.actor(), "changing");
    await refusal(ask(await key.actor(), "changing"));
    const updated = await updateApiKey(master, key.id, {
      quotas: { ...NO_QUOTAS, requests_per_minute: 100 },
    });
    expect(updated.quotas).toEqual({ ...NO_QUOTAS, requests_per_minute: 100 });
    await ask(await key.actor(), "changing");

    const operator = await createUserActor("operator");
    expect((await rejectionOf<AppError>(updateApiKey(operator, key.id, { name: "x" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await rejectionOf<AppError>(readKeyQuotaUsage(operator, key.id))).code).toBe("FORBIDDEN");
    expect((await rejectionOf<AppError>(readKeyQuotaUsage(master, "key_missing"))).code).toBe("NOT_FOUND");
    expect((await rejectionOf<AppError>(updateApiKey(master, "key_missing", { name: "x" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("end-user quotas", () => {
  test("each end user of the assistant has its own limits", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim-5" });
    await createChatAssistant("public");
    const assistant = await updateAssistant(master, "public", {
      end_user_quotas: { ...NO_QUOTAS, requests_per_minute: 1 },
    });
    expect(assistant.end_user_quotas.requests_per_minute).toBe(1);
    await ask(master, "public", "alice");
    const refused = await refusal(ask(master, "public", "alice"));
    expect(refused.details).toMatchObject({ quota: "requests_per_minute", subject: "end_user" });
    expect(refused.message).toContain("end user 'alice'");
    await ask(master, "public", "bob");
    // Questions without a user are not an end user's.
    await ask(master, "public");
    await ask(master, "public");
  });

  test("a continued session counts against its end user without naming them again", async () => {
    await registerSimulatorBackend(simulator(), { name: "quota-sim-6" });
    await createChatAssistant("continued");
    await updateAssistant(master, "continued", {
      end_user_quotas: { ...NO_QUOTAS, requests_per_minute: 1 },
    });
    const first = await ask(master, "continued", "carol");
    const again = askAssistant(
      master,
      "continued",
      { message: "And the returns?", reasoning: false, session_id: first.session_id },
      new AbortController().signal,
    );
    const refused = await refusal(again);
    expect(refused.details).toMatchObject({ quota: "requests_per_minute", subject: "end_user" });
    expect(refused.message).toContain("end user 'carol'");
    // A session of nobody in particular stays unlimited.
    const anonymous = await ask(master, "continued");
    await askAssistant(
      master,
      "continued",
      { message: "More?", reasoning: false, session_id: anonymous.session_id },
      new AbortController().signal,
    );
  });
});
