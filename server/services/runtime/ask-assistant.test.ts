// One exchange through the chat service (askAssistant = prepareExchange + runExchange) with a
// backend registered on the vLLM simulator: the answer, what is stored, sessions continued with
// their history, and every refusal that happens before the model is called.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { env } from "../../env";
import type { AppError } from "../../errors";
import { askResponseSchema, type AskInput } from "../../schemas/chat";
import { keyActor, master } from "../../test/actors";
import { createChatAssistant, registerSimulatorBackend, SIM_MODEL, simulatorForFile } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { promptTokenCount } from "../../simulator/text";
import type { Actor } from "../access/actor";
import { setAssistantEnabled } from "../assistants/set-assistant-enabled";
import type { BackendDto } from "../../schemas/backend";
import { createAssistant } from "../assistants/create-assistant";
import { deleteBackend } from "../backends/delete-backend";
import { updateBackend } from "../backends/update-backend";
import { NO_MODEL_NOTICE } from "../gateway/engines/retrieval-only-engine";
import { askAssistant } from "./ask-assistant";

const simulator = simulatorForFile();
const runtime = keyActor("runtime", ["support"]);
let backend: BackendDto;

function ask(
  input: Partial<AskInput> & { message: string },
  actor: Actor = runtime,
  assistantId = "support",
) {
  return askAssistant(actor, assistantId, { reasoning: false, ...input }, new AbortController().signal);
}

const messagesOf = (sessionId: string) =>
  getDb().message.findMany({ where: { sessionId }, orderBy: [{ createdAt: "asc" }] });

beforeEach(async () => {
  simulator().clearFaults();
  backend = await registerSimulatorBackend(simulator());
  await createChatAssistant("support", { instructions: "Answer briefly." });
});

describe("a new session", () => {
  test("answers, and stores the session, the end user and both messages", async () => {
    const response = await ask({ message: "What is Hearth?", user: "alice", metadata: { channel: "web" } });

    expect(askResponseSchema.parse(response)).toEqual(response);
    expect(response.answer).toMatch(/^Simulated answer to: What is Hearth\?/);
    expect(response.reasoning).toBeUndefined();
    expect(response).toMatchObject({ model: SIM_MODEL, backend: "sim", citations: [] });
    expect(response.rag.decision).toBe("forwarded");
    expect(response.usage).toEqual({
      prompt_tokens: promptTokenCount([
        { role: "system", content: "Answer briefly." },
        { role: "user", content: "What is Hearth?" },
      ]),
      completion_tokens: 24, // 4 reasoning + 20 answer tokens
      total_tokens: response.usage.prompt_tokens + 24,
    });
    expect(response.timings.ttft_ms).toEqual(expect.any(Number));
    expect(response.timings.total_ms).toBeGreaterThanOrEqual(response.timings.ttft_ms ?? 0);

    const session = await getDb().chatSession.findUniqueOrThrow({
      where: { id: response.session_id },
      include: { endUser: true },
    });
    expect(session).toMatchObject({ assistantId: "support", messageCount: 2, metadata: { channel: "web" } });
    expect(session.endUser?.externalId).toBe("alice");

    const [question, answer] = await messagesOf(response.session_id);
    expect(question).toMatchObject({
      role: "user",
      content: "What is Hearth?",
      status: "completed",
      errorCode: null,
    });
    expect(answer).toMatchObject({
      id: response.message_id,
      role: "assistant",
      content: response.answer,
      status: "completed",
      errorCode: null,
      model: SIM_MODEL,
      backendId: backend.id,
      promptTokens: response.usage.prompt_tokens,
      completionTokens: 24,
      ttftMs: response.timings.ttft_ms,
    });
    expect(answer?.totalMs).toEqual(expect.any(Number));
    expect(answer?.queueMs).toEqual(expect.any(Number));
    // The reasoning is stored even though the caller did not ask for it.
    expect(answer?.reasoning).toBe("Simulated reasoning at medium");
  });

  test("returns the reasoning only when asked", async () => {
    const response = await ask({ message: "Why?", reasoning: true });
    expect(response.reasoning).toBe("Simulated reasoning at medium");
    const [, answer] = await messagesOf(response.session_id);
    expect(answer?.reasoning).toBe(response.reasoning);
  });

  test("uses the assistant's reasoning effort", async () => {
    await createAssistant(master, { id: "deep", model: SIM_MODEL, generation: { reasoning_effort: "high" } });
    const response = await ask({ message: "Why?", reasoning: true }, master, "deep");
    expect(response.reasoning).toBe("Simulated reasoning at high effort about:");
  });

  test("concurrent first requests of one new user are all answered, as one end user", async () => {
    const asks = Array.from({ length: 6 }, (_, index) => ask({ message: `Hi ${index}`, user: "newcomer" }));
    const responses = await Promise.all(asks);
    expect(new Set(responses.map((response) => response.session_id)).size).toBe(6);
    expect(await getDb().endUser.count()).toBe(1);
    expect(await getDb().chatSession.count({ where: { endUser: { externalId: "newcomer" } } })).toBe(6);
  });

  test("a session without a user has no end user", async () => {
    const response = await ask({ message: "Hello" });
    const session = await getDb().chatSession.findUniqueOrThrow({ where: { id: response.session_id } });
    expect(session.endUserId).toBeNull();
    expect(await getDb().endUser.count()).toBe(0);
  });
});

describe("a continued session", () => {
  test("sends the earlier turns to the model and counts the new messages", async () => {
    const first = await ask({ message: "What is Hearth?", user: "alice" });
    const second = await ask({ message: "And who runs it?", user: "alice", session_id: first.session_id });

    expect(second.session_id).toBe(first.session_id);
    // The simulator counts the prompt it received: the history is in it, exactly.
    expect(second.usage.prompt_tokens).toBe(
      promptTokenCount([
        { role: "system", content: "Answer briefly." },
        { role: "user", content: "What is Hearth?" },
        { role: "assistant", content: first.answer },
        { role: "user", content: "And who runs it?" },
      ]),
    );
    const session = await getDb().chatSession.findUniqueOrThrow({ where: { id: first.session_id } });
    expect(session.messageCount).toBe(4);
    expect((await messagesOf(first.session_id)).map((row) => [row.role, row.status])).toEqual([
      ["user", "completed"],
      ["assistant", "completed"],
      ["user", "completed"],
      ["assistant", "completed"],
    ]);
    expect(await getDb().endUser.count()).toBe(1);
  });

  test("a user may join a session started without one", async () => {
    const first = await ask({ message: "Hi" });
    await ask({ message: "Me again", user: "bob", session_id: first.session_id });
    const session = await getDb().chatSession.findUniqueOrThrow({
      where: { id: first.session_id },
      include: { endUser: true },
    });
    expect(session.endUser?.externalId).toBe("bob");
  });

  test("the session of another user is FORBIDDEN", async () => {
    const first = await ask({ message: "Hi", user: "alice" });
    const error = await rejectionOf<AppError>(
      ask({ message: "Let me in", user: "mallory", session_id: first.session_id }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(await getDb().message.count()).toBe(2);
  });

  test("an unknown session is NOT_FOUND", async () => {
    const error = await rejectionOf<AppError>(ask({ message: "Hi", session_id: "sess_missing" }));
    expect(error.code).toBe("NOT_FOUND");
  });

  test("a session of another assistant is NOT_FOUND", async () => {
    await createChatAssistant("sales");
    const elsewhere = await ask({ message: "Hi" }, master, "sales");
    const error = await rejectionOf<AppError>(ask({ message: "Hi", session_id: elsewhere.session_id }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("refusals before the model is called", () => {
  async function expectRefused(promise: Promise<unknown>, code: string) {
    const before = simulator().stats().requests;
    const error = await rejectionOf<AppError>(promise);
    expect(error.code).toBe(code);
    expect(simulator().stats().requests).toBe(before);
    expect(await getDb().message.count()).toBe(0);
  }

  test("a disabled assistant is ASSISTANT_DISABLED", async () => {
    await setAssistantEnabled(master, "support", false);
    await expectRefused(ask({ message: "Hi" }), "ASSISTANT_DISABLED");
  });

  test("an empty message is INVALID_INPUT", async () => {
    await expectRefused(ask({ message: "" }), "INVALID_INPUT");
    await expectRefused(ask({ message: " \n\t " }), "INVALID_INPUT");
  });

  test("a message over the limit is PAYLOAD_TOO_LARGE; one at the limit is fine", async () => {
    await expectRefused(ask({ message: "x".repeat(env.HEARTH_MAX_MESSAGE_CHARS + 1) }), "PAYLOAD_TOO_LARGE");
    // Over the simulator's budget on purpose: only that the limit itself lets it through matters.
    const response = await ask({ message: "x".repeat(env.HEARTH_MAX_MESSAGE_CHARS) });
    expect(response.answer).toMatch(/^Simulated answer to:/);
  });

  test("a runtime key for another assistant is FORBIDDEN", async () => {
    await createChatAssistant("sales");
    await expectRefused(ask({ message: "Hi" }, keyActor("runtime", ["sales"])), "FORBIDDEN");
  });

  test("an unknown assistant is NOT_FOUND", async () => {
    await expectRefused(ask({ message: "Hi" }, master, "nobody"), "NOT_FOUND");
  });

  test("anonymous callers are UNAUTHORIZED", async () => {
    await expectRefused(ask({ message: "Hi" }, { kind: "anonymous" }), "UNAUTHORIZED");
  });
});

describe("which engine answers", () => {
  test("with no backend at all, the retrieval-only engine says no model is connected", async () => {
    await deleteBackend(master, backend.id);
    const before = simulator().stats().requests;

    const response = await ask({ message: "Hi" });

    expect(response.answer).toBe(NO_MODEL_NOTICE);
    expect(response.backend).toBeNull();
    expect(simulator().stats().requests).toBe(before);
    const [, answer] = await messagesOf(response.session_id);
    expect(answer).toMatchObject({ status: "completed", content: NO_MODEL_NOTICE, backendId: null });
  });

  test("with backends, none of which serves the model, it is NO_BACKEND (stored as failed)", async () => {
    await createChatAssistant("other", { model: "llama-3-8b" });
    const error = await rejectionOf<AppError>(ask({ message: "Hi" }, master, "other"));

    expect(error.code).toBe("NO_BACKEND");
    expect(error.status).toBe(503);
    const rows = await getDb().message.findMany({
      where: { assistantId: "other" },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((row) => [row.role, row.status, row.errorCode])).toEqual([
      ["user", "completed", null],
      ["assistant", "failed", "NO_BACKEND"],
    ]);
  });

  test("a disabled backend does not serve", async () => {
    await updateBackend(master, backend.id, { enabled: false });
    const response = await ask({ message: "Hi" });
    expect(response.answer).toBe(NO_MODEL_NOTICE);
  });
});
