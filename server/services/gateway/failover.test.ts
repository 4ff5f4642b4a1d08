// The gateway end to end against two real vLLM simulators with fault injection: a killed backend
// (traffic moves, nobody sees an error, it is ejected, then readmitted when it is back), a stall
// mid-stream, an upstream 429, load beyond capacity, cancellation, a whole model down, fallbacks.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { master } from "../../test/actors";
import { createChatAssistant, FAST_SIMULATOR, registerSimulatorBackend, SIM_MODEL } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { startSimulator, type SimulatorHandle } from "../../simulator/start-simulator";
import { createAssistant } from "../assistants/create-assistant";
import { askAssistant } from "../runtime/ask-assistant";
import type { ChatEvent } from "../chat/chat-events";
import { prepareExchange } from "../chat/prepare-exchange";
import { runExchange } from "../runtime/exchange/run-exchange";
import { createBackend } from "../backends/create-backend";
import { updateBackend } from "../backends/update-backend";
import { getGateway, probeAllBackends, replaceGateway } from "./gateway-instance";

let simA: SimulatorHandle;
let simB: SimulatorHandle;

beforeAll(async () => {
  [simA, simB] = await Promise.all([startSimulator(FAST_SIMULATOR), startSimulator(FAST_SIMULATOR)]);
});

afterAll(async () => {
  await Promise.all([simA.stop(), simB.stop()]);
});

beforeEach(() => {
  simA.clearFaults();
  simB.clearFaults();
  // Deterministic choices: no session affinity, and the first of two candidates on a tie.
  replaceGateway({ affinity: false, random: () => 0, queueSize: 2, queueTimeoutMs: 2_000 });
});

const ask = (assistantId: string, message = "Hello") =>
  askAssistant(master, assistantId, { message, reasoning: false }, new AbortController().signal);

async function twoBackends(maxConcurrency = 8) {
  const a = await registerSimulatorBackend(simA, { name: "sim-a" });
  const b = await registerSimulatorBackend(simB, { name: "sim-b" });
  await updateBackend(master, a.id, { max_concurrency: maxConcurrency });
  await updateBackend(master, b.id, { max_concurrency: maxConcurrency });
  return { a, b };
}

const stateOf = (backendId: string) => getGateway().view(backendId)?.health.state;

describe("a backend dies", () => {
  test("requests that had not started move to the other backend; none fails; it is ejected, then readmitted", async () => {
    const { b } = await twoBackends();
    await createChatAssistant("steady");
    await probeAllBackends();
    const port = simB.port;
    await simB.stop();

    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => ask("steady", `Question ${i}`)));
    expect(answers.every((answer) => answer.backend === "sim-a")).toBe(true);
    // Connection failures are hard failures: three of them eject it before any probe ran.
    for (let i = 0; i < 3; i += 1) await probeAllBackends();
    expect(stateOf(b.id)).toBe("down");
    expect(getGateway().view(b.id)?.health.reason).toMatch(/connection refused/);

    simB = await startSimulator({ ...FAST_SIMULATOR, port });
    await probeAllBackends();
    expect(stateOf(b.id)).toBe("down");
    await probeAllBackends();
    expect(stateOf(b.id)).toBe("healthy");
    const after = await Promise.all(Array.from({ length: 4 }, () => ask("steady")));
    expect(after.some((answer) => answer.backend === "sim-b")).toBe(true);
  });

  test("every backend of the model down: a 503 at once, recorded as failed", async () => {
    await createBackend(master, {
      name: "gone",
      kind: "openai_compatible",
      base_url: "http://127.0.0.1:9/v1",
      models: [SIM_MODEL],
    });
    await createChatAssistant("stranded");
    for (let i = 0; i < 3; i += 1) await probeAllBackends();
    const error = await rejectionOf<AppError>(ask("stranded"));
    expect(error.code).toBe("NO_BACKEND");
    expect(error.status).toBe(503);
    expect(error.message).toBe("No model is available to answer right now; try again shortly");
    expect(error.message).not.toContain("gone");
    const rows = await getDb().message.findMany({ where: { assistantId: "stranded" } });
    const answer = rows.find((row) => row.role === "assistant");
    expect(answer?.errorMessage).toBe(error.message);
    expect(answer?.errorDetail).toMatch(/gone is down \(.*connection refused/);
    expect(rows.map((row) => [row.role, row.status]).sort()).toEqual([
      ["assistant", "failed"],
      ["user", "completed"],
    ]);
  });

  test("a fallback model answers when the assistant's own has no healthy backend, and says so", async () => {
    await createBackend(master, {
      name: "big",
      kind: "openai_compatible",
      base_url: "http://127.0.0.1:9/v1",
      models: ["gpt-oss-120b"],
    });
    await registerSimulatorBackend(simA, { name: "small" });
    await createAssistant(master, { id: "resilient", model: "gpt-oss-120b", fallback_models: [SIM_MODEL] });
    for (let i = 0; i < 3; i += 1) await probeAllBackends();
    const answer = await ask("resilient");
    expect(answer).toMatchObject({ model: SIM_MODEL, backend: "small" });
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: answer.message_id } });
    expect(stored.model).toBe(SIM_MODEL);
  });
});

describe("failures before and after the first token", () => {
  test("a 5xx before the first token is retried on the other backend; a 4xx the request caused is not", async () => {
    await twoBackends();
    await createChatAssistant("retried");
    simA.setFaults({ error: { status: 503, next: 1 } });
    expect(await ask("retried")).toMatchObject({ backend: "sim-b" });

    // Wherever it lands, a 400 is the request's own fault: no second backend is asked.
    simA.setFaults({ error: { status: 400, message: "bad request", next: 1 } });
    simB.setFaults({ error: { status: 400, message: "bad request", next: 1 } });
    const before = simA.stats().requests + simB.stats().requests;
    const error = await rejectionOf<AppError>(ask("retried"));
    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(simA.stats().requests + simB.stats().requests).toBe(before + 1);
  });

  test("a stream that stalls after its first token ends with an error event within the stall timeout", async () => {
    const { a } = await twoBackends();
    await createChatAssistant("stalled");
    simA.setFaults({ stall: { afterTokens: 2 } });
    const prepared = await prepareExchange(master, "stalled", { message: "Hello" });
    const askedB = simB.stats().requests;
    const events: ChatEvent[] = [];
    for await (const event of runExchange(prepared, {
      signal: new AbortController().signal,
      includeReasoning: true,
    }))
      events.push(event);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: "error", error: { code: "UPSTREAM_TIMEOUT" } });
    expect(last?.type === "error" && last.error.message).toBe("The model server did not answer in time");
    // The stall timer (2 s in tests) ended it, not the first-token one (5 s): the stored detail says so.
    const detail = (await getDb().message.findUniqueOrThrow({ where: { id: prepared.answerMessageId } }))
      .errorDetail;
    expect(detail).toBe("backend sim-a: The stream stalled for more than 2000 ms");
    expect(events.some((event) => event.type === "reasoning.delta")).toBe(true);
    // Never retried elsewhere once tokens were out.
    expect(simB.stats().requests).toBe(askedB);
    expect(getGateway().view(a.id)?.health.consecutiveFailures).toBe(1);
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: prepared.answerMessageId } });
    expect(stored.status).toBe("failed");
  });

  test("an upstream 429 sends the request elsewhere and rests that backend for its Retry-After", async () => {
    const { a } = await twoBackends();
    await createChatAssistant("polite");
    simA.setFaults({ rateLimit: { retryAfterSeconds: 3, next: 1 } });
    expect(await ask("polite")).toMatchObject({ backend: "sim-b" });
    const until = getGateway().view(a.id)?.health.rateLimitedUntil ?? 0;
    expect(until).toBeGreaterThan(Date.now() + 1_500);
    const before = simA.stats().requests;
    await ask("polite");
    expect(simA.stats().requests).toBe(before);
  });

  test("alone, a backend's 429 reaches the caller with its Retry-After", async () => {
    await registerSimulatorBackend(simA, { name: "only" });
    await createChatAssistant("alone");
    simA.setFaults({ rateLimit: { retryAfterSeconds: 2, next: 1 } });
    const error = await rejectionOf<AppError>(ask("alone"));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.rateLimit).toEqual({ retryAfterSeconds: 2 });
    // The next request within those seconds is refused by Hearth, without asking the backend.
    const before = simA.stats().requests;
    expect((await rejectionOf<AppError>(ask("alone"))).code).toBe("RATE_LIMITED");
    expect(simA.stats().requests).toBe(before);
  });
});

describe("admission control", () => {
  test("load beyond capacity and queue: 429s with Retry-After, no 5xx, every request recorded", async () => {
    const only = await registerSimulatorBackend(simA, { name: "narrow" });
    await updateBackend(master, only.id, { max_concurrency: 2 });
    await createChatAssistant("busy");
    simA.setFaults({ slowStart: { extraMs: 300 } });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ask("busy", `Question ${i}`).then(
          () => ({ status: 200, retryAfter: null }),
          (error: AppError) => ({
            status: error.status,
            retryAfter: error.rateLimit?.retryAfterSeconds ?? null,
          }),
        ),
      ),
    );
    const statuses = outcomes.map((outcome) => outcome.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    for (const outcome of outcomes) {
      if (outcome.status === 429)
        expect(Number.isInteger(outcome.retryAfter) && outcome.retryAfter! >= 1).toBe(true);
    }
    const questions = await getDb().message.count({ where: { assistantId: "busy", role: "user" } });
    expect(questions).toBe(10);
    expect(getGateway().view(only.id)?.outstanding).toBe(0);
  });

  test("a request waiting in the queue gets its opening events at once, then its turn", async () => {
    const only = await registerSimulatorBackend(simA, { name: "one-slot" });
    await updateBackend(master, only.id, { max_concurrency: 1 });
    await createChatAssistant("waiting");
    simA.setFaults({ slowStart: { extraMs: 400, next: 1 } });
    const completedBefore = simA.stats().completed;
    const holding = ask("waiting", "First");
    await expect.poll(() => getGateway().view(only.id)?.outstanding).toBe(1);
    const prepared = await prepareExchange(master, "waiting", { message: "Second" });
    const events = runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false });

    const opening = [(await events.next()).value, (await events.next()).value] as ChatEvent[];

    expect(opening.map((event) => event.type)).toEqual(["response.created", "rag.completed"]);
    // Handed out while the first question's generation still holds the only slot.
    expect(simA.stats().completed).toBe(completedBefore);
    const rest: ChatEvent[] = [];
    for await (const event of events) rest.push(event);
    const completed = rest.at(-1);
    expect(completed?.type).toBe("response.completed");
    expect(completed?.type === "response.completed" && completed.response.timings.queue_ms).toBeGreaterThan(
      0,
    );
    await holding;
  });

  test("a cancelled request frees its slot at once", async () => {
    const only = await registerSimulatorBackend(simA, { name: "single" });
    await updateBackend(master, only.id, { max_concurrency: 1 });
    await createChatAssistant("cancelled");
    simA.setFaults({ slowStart: { extraMs: 5_000 } });
    const controller = new AbortController();
    const prepared = await prepareExchange(master, "cancelled", { message: "Hello" });
    const events = runExchange(prepared, { signal: controller.signal, includeReasoning: false });
    for await (const event of events) {
      if (event.type === "rag.completed") {
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(getGateway().view(only.id)?.outstanding).toBe(1);
        controller.abort();
      }
    }
    expect(getGateway().view(only.id)?.outstanding).toBe(0);
    simA.clearFaults();
    const next = await ask("cancelled");
    expect(next.timings.queue_ms).toBe(0);
  });
});
