// The exchange's event stream and its outcomes when things go wrong: upstream failures end it
// with an `error` event and a `failed` answer; a consumer that leaves, or a caller that aborts,
// leaves a `cancelled` answer and cancels the generation upstream.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../../db/client";
import type { AppError } from "../../../errors";
import { keyActor, master } from "../../../test/actors";
import {
  collectEvents,
  createChatAssistant,
  registerSimulatorBackend,
  simulatorForFile,
  waitFor,
} from "../../../test/chat";
import { rejectionOf } from "../../../test/rejection";
import { deleteSession } from "../../sessions/delete-session";
import { askAssistant } from "../ask-assistant";
import type { ChatEvent } from "../../chat/chat-events";
import { prepareExchange } from "../../chat/prepare-exchange";
import { runExchange } from "./run-exchange";

const simulator = simulatorForFile();
const runtime = keyActor("runtime", ["support"]);

beforeEach(async () => {
  simulator().clearFaults();
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support");
});

async function start(
  message = "What is Hearth?",
  options: { includeReasoning?: boolean; signal?: AbortSignal } = {},
) {
  const prepared = await prepareExchange(runtime, "support", { message, user: "alice" });
  const events = runExchange(prepared, {
    signal: options.signal ?? new AbortController().signal,
    includeReasoning: options.includeReasoning ?? false,
  });
  return { prepared, events };
}

async function storedMessages(sessionId: string) {
  const rows = await getDb().message.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } });
  const [question, answer] = rows;
  if (!question || !answer) throw new Error(`expected two messages, found ${rows.length}`);
  return { question, answer };
}

const deltas = (events: ChatEvent[], type: "reasoning.delta" | "output_text.delta") =>
  events.flatMap((event) => (event.type === type ? [event.delta] : []));

describe("the event stream", () => {
  test("created, rag, answer deltas, then completed; reasoning deltas only when asked", async () => {
    const { prepared, events } = await start();
    const plain = await collectEvents(events);

    expect(plain[0]).toEqual({
      type: "response.created",
      session_id: prepared.sessionId,
      message_id: prepared.answerMessageId,
      question_id: prepared.userMessageId,
      model: "gpt-oss-20b",
    });
    expect(plain[1]?.type).toBe("rag.completed");
    expect(deltas(plain, "reasoning.delta")).toEqual([]);
    // At most one delta per token (tokens read together come as one).
    expect(deltas(plain, "output_text.delta").length).toBeGreaterThan(0);
    expect(deltas(plain, "output_text.delta").length).toBeLessThanOrEqual(20);
    const last = plain.at(-1);
    expect(last?.type).toBe("response.completed");
    expect(last?.type === "response.completed" && last.response.answer).toBe(
      deltas(plain, "output_text.delta").join(""),
    );
    expect(
      plain.filter((event) => event.type === "response.completed" || event.type === "error"),
    ).toHaveLength(1);

    const withReasoning = await collectEvents((await start("Why?", { includeReasoning: true })).events);
    const types = withReasoning.map((event) => event.type);
    expect(deltas(withReasoning, "reasoning.delta").join("")).toBe("Simulated reasoning at medium");
    expect(types.lastIndexOf("reasoning.delta")).toBeLessThan(types.indexOf("output_text.delta"));
  });
});

test("the question is on its way to the model before the opening events are handed out", async () => {
  const before = simulator().stats().requests;
  const { events } = await start();

  const first = await events.next();

  expect(first.value).toMatchObject({ type: "response.created" });
  // Nothing more is asked of the exchange: the request went out before its first event.
  await waitFor(() => simulator().stats().requests === before + 1);
  await events.return(undefined);
});

describe("upstream failures", () => {
  test("a cut stream ends with an error event; the answer is stored failed, the question completed", async () => {
    simulator().setFaults({ cut: { afterTokens: 8, next: 1 } });
    const { prepared, events } = await start();

    const collected = await collectEvents(events);

    const last = collected.at(-1);
    expect(last).toMatchObject({
      type: "error",
      error: { code: "UPSTREAM_ERROR" },
      message_id: prepared.answerMessageId,
      session_id: prepared.sessionId,
    });
    expect(collected.some((event) => event.type === "response.completed")).toBe(false);
    expect(deltas(collected, "output_text.delta").length).toBeGreaterThan(0);

    const { question, answer } = await storedMessages(prepared.sessionId);
    expect(question).toMatchObject({ status: "completed", content: "What is Hearth?" });
    expect(answer).toMatchObject({
      status: "failed",
      errorCode: "UPSTREAM_ERROR",
      content: deltas(collected, "output_text.delta").join(""),
    });
    expect(answer.errorMessage).toMatch(/mid-answer/);
    expect(answer.reasoning).toBe("Simulated reasoning at medium");
  });

  test("a 500 is UPSTREAM_ERROR (502) for ask, stored as failed", async () => {
    simulator().setFaults({ error: { status: 500, next: 1 } });
    const error = await rejectionOf<AppError>(
      askAssistant(runtime, "support", { message: "Hi", reasoning: false }, new AbortController().signal),
    );

    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(error.status).toBe(502);
    const { session_id } = error.details as { session_id: string; message_id: string };
    const { question, answer } = await storedMessages(session_id);
    expect(question.status).toBe("completed");
    expect(answer).toMatchObject({ status: "failed", errorCode: "UPSTREAM_ERROR", content: "" });
  });

  test("a 429 is RATE_LIMITED with the upstream's Retry-After", async () => {
    simulator().setFaults({ rateLimit: { retryAfterSeconds: 7, next: 1 } });
    const { events } = await start();
    const last = (await collectEvents(events)).at(-1);
    expect(last).toMatchObject({ type: "error", error: { code: "RATE_LIMITED", retry_after_seconds: 7 } });

    simulator().setFaults({ rateLimit: { retryAfterSeconds: 7, next: 1 } });
    const error = await rejectionOf<AppError>(
      askAssistant(runtime, "support", { message: "Hi", reasoning: false }, new AbortController().signal),
    );
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.rateLimit).toEqual({ retryAfterSeconds: 7 });
  });

  test("a stream that stalls past the idle timeout is UPSTREAM_TIMEOUT", async () => {
    simulator().setFaults({ stall: { afterTokens: 6, next: 1 } });
    const { prepared, events } = await start();
    const last = (await collectEvents(events)).at(-1);
    expect(last).toMatchObject({ type: "error", error: { code: "UPSTREAM_TIMEOUT" } });
    expect((await storedMessages(prepared.sessionId)).answer).toMatchObject({
      status: "failed",
      errorCode: "UPSTREAM_TIMEOUT",
    });
  });

  test("an exchange that cannot be recorded is not answered", async () => {
    const first = await askAssistant(
      runtime,
      "support",
      { message: "Hi", reasoning: false },
      new AbortController().signal,
    );
    const prepared = await prepareExchange(runtime, "support", {
      message: "Again",
      session_id: first.session_id,
    });
    await deleteSession(master, "support", first.session_id);

    const collected = await collectEvents(
      runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
    );

    expect(collected.at(-1)).toMatchObject({ type: "error", error: { code: "UNAVAILABLE" } });
    expect(collected.some((event) => event.type === "response.completed")).toBe(false);
    expect(await getDb().message.count()).toBe(0);
  });
});

describe("cancellation", () => {
  // The simulator holds the stream after a few tokens so that the generation is still running
  // upstream when the exchange is cancelled.
  beforeEach(() => {
    simulator().setFaults({ stall: { afterTokens: 6, durationMs: 3_000, next: 1 } });
  });

  test("a consumer that stops reading leaves a cancelled answer and cancels upstream", async () => {
    const before = simulator().stats().aborted;
    const { prepared, events } = await start();

    for await (const event of events) {
      if (event.type === "output_text.delta") break;
    }

    await waitFor(() => simulator().stats().aborted === before + 1);
    const { question, answer } = await storedMessages(prepared.sessionId);
    expect(question.status).toBe("completed");
    expect(answer).toMatchObject({ status: "cancelled", errorCode: "CANCELLED" });
    expect(answer.content.length).toBeGreaterThan(0);
  });

  test("a consumer that stops after the first event leaves a cancelled answer, the model's request cancelled", async () => {
    const { prepared, events } = await start();

    for await (const event of events) {
      expect(event.type).toBe("response.created");
      break;
    }

    const { question, answer } = await storedMessages(prepared.sessionId);
    expect(question.status).toBe("completed");
    expect(answer).toMatchObject({ status: "cancelled", errorCode: "CANCELLED", content: "" });
    await waitFor(() => simulator().stats().running === 0);
  });

  test("a caller that aborts ends the stream without an error event, cancelled upstream and stored", async () => {
    const before = simulator().stats().aborted;
    const controller = new AbortController();
    const { prepared, events } = await start("Hi", { signal: controller.signal });
    const collected: ChatEvent[] = [];

    for await (const event of events) {
      collected.push(event);
      if (event.type === "output_text.delta") controller.abort();
    }

    expect(collected.some((event) => event.type === "error" || event.type === "response.completed")).toBe(
      false,
    );
    await waitFor(() => simulator().stats().aborted === before + 1);
    expect((await storedMessages(prepared.sessionId)).answer).toMatchObject({ status: "cancelled" });
  });

  test("ask with an aborted request fails and stores the answer as cancelled", async () => {
    const controller = new AbortController();
    const asking = askAssistant(
      runtime,
      "support",
      { message: "Hi", user: "alice", reasoning: false },
      controller.signal,
    );
    await waitFor(() => simulator().stats().running === 1);
    controller.abort();

    const error = await rejectionOf<AppError>(asking);
    expect(error.code).toBe("UPSTREAM_ERROR");
    await waitFor(async () => (await getDb().message.count({ where: { status: "cancelled" } })) === 1);
  });
});
