// What callers and operators each learn when a model server fails (issue 13, item 5): callers get
// Hearth's code and its own message, never the upstream's answer nor a backend's name or health;
// the full detail goes to the log line (with the request id) and to the failed answer's stored
// detail, which session reads show to console users and admin callers only.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { logger } from "../../logger";
import type { Actor } from "../access/actor";
import { createKeyActor, createUserActor, master } from "../../test/actors";
import {
  collectEvents,
  createChatAssistant,
  registerSimulatorBackend,
  simulatorForFile,
} from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { createBackend } from "../backends/create-backend";
import { probeAllBackends, replaceGateway } from "../gateway/gateway-instance";
import { getSession } from "../sessions/get-session";
import { askAssistant } from "../runtime/ask-assistant";
import { prepareExchange } from "./prepare-exchange";
import { runExchange } from "../runtime/exchange/run-exchange";

const simulator = simulatorForFile();
const UPSTREAM_SECRET = "upstream says: org acme has no access to /srv/models/a.gguf on node gpu-box-7";

beforeEach(async () => {
  simulator().clearFaults();
  replaceGateway({ affinity: false });
  await registerSimulatorBackend(simulator(), { name: "gpu-box-7" });
  await createChatAssistant("support");
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A caller as the adapters hand it over: with the request's id. */
const via = <A extends Actor>(actor: A, requestId: string): A => ({
  ...actor,
  via: { clientAddress: "127.0.0.1", requestId },
});

const answerRow = (assistantId: string) =>
  getDb().message.findFirstOrThrow({
    where: { assistantId, role: "assistant" },
    orderBy: { createdAt: "desc" },
  });

describe("an upstream 4xx", () => {
  test("the caller gets Hearth's code and message; the log line and the stored detail get the upstream's", async () => {
    const warn = vi.spyOn(logger, "warn");
    simulator().setFaults({ error: { status: 400, message: UPSTREAM_SECRET, next: 1 } });
    const { actor: runtime } = await createKeyActor("runtime", ["support"]);

    const error = await rejectionOf<AppError>(
      askAssistant(
        via(runtime, "req-4xx-1"),
        "support",
        { message: "Hi", reasoning: false },
        new AbortController().signal,
      ),
    );

    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(error.message).toBe("The model server could not answer this request");
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(
      /acme|srv|gpu-box/,
    );
    const stored = await answerRow("support");
    expect(stored).toMatchObject({
      status: "failed",
      errorCode: "UPSTREAM_ERROR",
      errorMessage: error.message,
    });
    expect(stored.errorDetail).toBe(
      `backend gpu-box-7: The model server rejected the request (400): ${UPSTREAM_SECRET}`,
    );
    const line = warn.mock.calls.find((call) => String(call[1]).startsWith("the exchange failed"));
    expect(line?.[0]).toMatchObject({
      requestId: "req-4xx-1",
      messageId: stored.id,
      code: "UPSTREAM_ERROR",
      detail: stored.errorDetail,
    });
  });

  test("a stream's error event carries the same public message", async () => {
    simulator().setFaults({ error: { status: 422, message: UPSTREAM_SECRET, next: 1 } });
    const prepared = await prepareExchange(master, "support", { message: "Hi" });
    const events = await collectEvents(
      runExchange(prepared, { signal: new AbortController().signal, includeReasoning: false }),
    );
    expect(events.at(-1)).toEqual({
      type: "error",
      error: { code: "UPSTREAM_ERROR", message: "The model server could not answer this request" },
      message_id: prepared.answerMessageId,
      session_id: prepared.sessionId,
    });
    expect(JSON.stringify(events)).not.toContain("acme");
  });
});

test("no backend available: a public 503, the outage for operators", async () => {
  await createBackend(master, {
    name: "dead-box",
    kind: "openai_compatible",
    base_url: "http://127.0.0.1:9/v1",
    models: ["lonely"],
  });
  await createChatAssistant("lonely", { model: "lonely" });
  for (let i = 0; i < 3; i += 1) await probeAllBackends();
  const error = await rejectionOf<AppError>(
    askAssistant(master, "lonely", { message: "Hi", reasoning: false }, new AbortController().signal),
  );
  expect(error).toMatchObject({
    code: "NO_BACKEND",
    message: "No model is available to answer right now; try again shortly",
  });
  expect((await answerRow("lonely")).errorDetail).toMatch(/dead-box is down \(.*connection refused\)/);
});

describe("reading a failed answer back", () => {
  async function failedSession() {
    simulator().setFaults({ error: { status: 400, message: UPSTREAM_SECRET, next: 1 } });
    await askAssistant(
      master,
      "support",
      { message: "Hi", reasoning: false },
      new AbortController().signal,
    ).catch(() => undefined);
    return (await answerRow("support")).sessionId;
  }

  const errorOf = async (actor: Actor, sessionId: string) =>
    (await getSession(actor, "support", sessionId)).messages.find((message) => message.role === "assistant")
      ?.error;

  test("console users, admin keys and the master key see the detail", async () => {
    const sessionId = await failedSession();
    for (const actor of [
      await createUserActor("viewer"),
      await createUserActor("operator"),
      await createUserActor("admin"),
      (await createKeyActor("admin")).actor,
      master,
    ]) {
      expect(await errorOf(actor, sessionId)).toEqual({
        code: "UPSTREAM_ERROR",
        message: "The model server could not answer this request",
        detail: expect.stringContaining(UPSTREAM_SECRET) as string,
      });
    }
  });

  test("a runtime key does not", async () => {
    const sessionId = await failedSession();
    const { actor: runtime } = await createKeyActor("runtime", ["support"]);
    const error = await errorOf(runtime, sessionId);
    expect(error).toEqual({
      code: "UPSTREAM_ERROR",
      message: "The model server could not answer this request",
    });
    expect(JSON.stringify(await getSession(runtime, "support", sessionId))).not.toContain("acme");
  });
});
