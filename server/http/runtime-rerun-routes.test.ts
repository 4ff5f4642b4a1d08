// Asking again through the runtime REST API (issue 17, item 11: the playground's run settings,
// regenerate, and edit-and-resend): `overrides` set one answer's generation settings and are never
// saved; `replace_from` removes a question and everything after it and asks in its place, in one
// statement, after every check, so a refused request leaves the session as it was.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, test } from "vitest";
import * as askRoute from "@/app/assistants/[assistant_id]/ask/route";
import * as streamRoute from "@/app/assistants/[assistant_id]/stream/route";
import { getDb } from "@/server/db/client";
import { askResponseSchema } from "@/server/schemas/chat";
import { system } from "@/server/services/access/actor";
import { createBackend } from "@/server/services/backends/create-backend";
import { getAssistant } from "@/server/services/assistants/get-assistant";
import { updateAssistant } from "@/server/services/assistants/update-assistant";
import { prepareExchange } from "@/server/services/chat/prepare-exchange";
import { recordExchangeStart } from "@/server/services/runtime/exchange/persist-exchange";
import { bearer, createKeyActor } from "@/server/test/actors";
import {
  createChatAssistant,
  fakeChunk,
  fakeOpenAiServer,
  parseSse,
  registerSimulatorBackend,
  simulatorForFile,
} from "@/server/test/chat";
import { callRoute } from "@/server/test/rest";

const simulator = simulatorForFile();
let runtime: Record<string, string>;

beforeEach(async () => {
  simulator().clearFaults();
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support");
  runtime = bearer((await createKeyActor("runtime", ["support"])).secret);
});

function ask(body: unknown, assistantId = "support") {
  return callRoute(askRoute.POST, {
    path: `/assistants/${assistantId}/ask`,
    params: { assistant_id: assistantId },
    headers: runtime,
    body,
  });
}

async function stream(body: unknown) {
  const request = new Request("http://localhost/assistants/support/stream", {
    method: "POST",
    headers: { "content-type": "application/json", ...runtime },
    body: JSON.stringify(body),
  });
  const response = await streamRoute.POST(request, { params: Promise.resolve({ assistant_id: "support" }) });
  return { status: response.status, text: await response.text() };
}

async function answered(body: unknown) {
  const response = await ask(body);
  expect(response.status, response.text).toBe(200);
  return askResponseSchema.parse(response.json);
}

/** A session's messages in order, as [role, content, id]. */
async function transcript(sessionId: string) {
  const rows = await getDb().message.findMany({
    where: { sessionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, role: true, content: true, status: true },
  });
  return rows;
}

/** Two exchanges in one session: [first answer, second answer]. */
async function conversation(user?: string) {
  const first = await answered({ message: "First question", ...(user ? { user } : {}) });
  const second = await answered({ message: "Second question", session_id: first.session_id });
  return [first, second] as const;
}

/** A scripted model server that records what it is sent, registered for a model of its own. */
async function scriptedAssistant(generation: { max_output_tokens?: number } = {}) {
  const fake = await fakeOpenAiServer([
    fakeChunk({ role: "assistant", content: "" }),
    fakeChunk({ content: "Scripted." }),
    fakeChunk({}, "stop"),
  ]);
  await createBackend(system, {
    name: "scripted",
    kind: "openai_compatible",
    base_url: fake.baseUrl,
    models: ["scripted-model"],
  });
  await createChatAssistant("scripted", { model: "scripted-model", instructions: "Be brief." });
  if (Object.keys(generation).length > 0) await updateAssistant(system, "scripted", { generation });
  runtime = bearer((await createKeyActor("runtime", ["support", "scripted"])).secret);
  return fake;
}

describe("overrides: one answer's generation settings", () => {
  test("reach the model for that answer only, and the assistant keeps its own", async () => {
    const fake = await scriptedAssistant();
    try {
      await updateAssistant(system, "scripted", {
        generation: { temperature: 0.7, reasoning_effort: "low" },
      });
      const overrides = { temperature: 0.2, reasoning_effort: "high", max_output_tokens: 50 };
      const overridden = await ask({ message: "Hi", overrides }, "scripted");
      expect(overridden.status, overridden.text).toBe(200);
      expect(fake.requests[0]!.body).toMatchObject({
        temperature: 0.2,
        reasoning_effort: "high",
        max_tokens: 50,
      });

      // Only what is given is overridden; the next question has the assistant's settings again.
      const partial = await ask({ message: "Hi", overrides: { max_output_tokens: 7 } }, "scripted");
      expect(partial.status, partial.text).toBe(200);
      expect(fake.requests[1]!.body).toMatchObject({
        temperature: 0.7,
        reasoning_effort: "low",
        max_tokens: 7,
      });
      const plain = await ask({ message: "Hi" }, "scripted");
      expect(plain.status, plain.text).toBe(200);
      expect(fake.requests[2]!.body).toMatchObject({ temperature: 0.7, reasoning_effort: "low" });
      expect(fake.requests[2]!.body).not.toHaveProperty("max_tokens");
      expect((await getAssistant(system, "scripted")).generation).toMatchObject({
        temperature: 0.7,
        reasoning_effort: "low",
        max_output_tokens: null,
      });
    } finally {
      await fake.close();
    }
  });

  test("on the stream too: max_output_tokens cuts the answer (finish_reason length)", async () => {
    const response = await stream({ message: "Tell me a long story", overrides: { max_output_tokens: 5 } });
    expect(response.status).toBe(200);
    const last = parseSse(response.text).events.at(-1)!;
    expect(last.event).toBe("response.completed");
    const { response: answer } = JSON.parse(last.data) as { response: unknown };
    expect(askResponseSchema.parse(answer)).toMatchObject({ finish_reason: "length" });
  });

  test.each([
    ["a temperature over 2", { temperature: 2.5 }, "body.overrides.temperature"],
    ["a negative temperature", { temperature: -0.1 }, "body.overrides.temperature"],
    ["an unknown reasoning effort", { reasoning_effort: "extreme" }, "body.overrides.reasoning_effort"],
    ["max_output_tokens of 0", { max_output_tokens: 0 }, "body.overrides.max_output_tokens"],
    ["a fractional max_output_tokens", { max_output_tokens: 1.5 }, "body.overrides.max_output_tokens"],
    [
      "max_output_tokens past the server's limit",
      { max_output_tokens: 131_073 },
      "body.overrides.max_output_tokens",
    ],
    ["a setting runs cannot override", { top_p: 0.5 }, "body.overrides"],
    ["overrides that are not an object", "hot", "body.overrides"],
  ])("%s is 400 INVALID_INPUT naming the field, and nothing is recorded", async (_, overrides, path) => {
    for (const response of [
      await ask({ message: "Hi", overrides }),
      await stream({ message: "Hi", overrides }),
    ]) {
      expect(response.status).toBe(400);
      const body = JSON.parse(response.text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("INVALID_INPUT");
      expect(body.error.message).toContain(path);
    }
    expect(await getDb().message.count()).toBe(0);
  });

  test("max_output_tokens stays within the assistant's own cap", async () => {
    await updateAssistant(system, "support", { generation: { max_output_tokens: 64 } });
    const over = await ask({ message: "Hi", overrides: { max_output_tokens: 65 } });
    expect(over.status).toBe(400);
    expect(over.json.error).toMatchObject({
      code: "INVALID_INPUT",
      message: "overrides.max_output_tokens is 65; this assistant allows at most 64",
    });
    expect(await getDb().message.count()).toBe(0);
    expect((await ask({ message: "Hi", overrides: { max_output_tokens: 64 } })).status).toBe(200);
    expect((await ask({ message: "Hi", overrides: { max_output_tokens: 8, temperature: 0 } })).status).toBe(
      200,
    );
  });
});

describe("replace_from: ask again from a question of the session", () => {
  test("regenerate: the last question asked again replaces it and its answer", async () => {
    const [first, second] = await conversation();
    const again = await stream({
      message: "Second question",
      session_id: first.session_id,
      replace_from: second.question_id,
    });
    expect(again.status).toBe(200);
    const { events } = parseSse(again.text);
    const created = JSON.parse(events[0]!.data) as { question_id: string; message_id: string };
    expect(events.at(-1)!.event).toBe("response.completed");

    const messages = await transcript(first.session_id);
    expect(messages.map((message) => [message.role, message.content.slice(0, 15), message.status])).toEqual([
      ["user", "First question", "completed"],
      ["assistant", "Simulated answe", "completed"],
      ["user", "Second question", "completed"],
      ["assistant", "Simulated answe", "completed"],
    ]);
    expect(messages.map((message) => message.id)).toEqual([
      first.question_id,
      first.message_id,
      created.question_id,
      created.message_id,
    ]);
    expect(created.question_id).not.toBe(second.question_id);
    const session = await getDb().chatSession.findUniqueOrThrow({ where: { id: first.session_id } });
    expect(session.messageCount).toBe(4);
  });

  test("edit: an earlier question resent removes everything from it on, ratings included", async () => {
    const [first, second] = await conversation();
    await getDb().messageFeedback.create({
      data: {
        id: randomUUID(),
        messageId: second.message_id,
        sessionId: second.session_id,
        assistantId: "support",
        rating: "up",
        giverKind: "master_key",
      },
    });
    const edited = await answered({
      message: "The first question, edited",
      session_id: first.session_id,
      replace_from: first.question_id,
    });
    expect(edited.answer).toContain("Simulated answer to: The first question, edited");
    const messages = await transcript(first.session_id);
    expect(messages.map((message) => [message.id, message.role])).toEqual([
      [edited.question_id, "user"],
      [edited.message_id, "assistant"],
    ]);
    expect(messages[0]!.content).toBe("The first question, edited");
    expect(await getDb().messageFeedback.count()).toBe(0);
    const session = await getDb().chatSession.findUniqueOrThrow({ where: { id: first.session_id } });
    expect(session.messageCount).toBe(2);
  });

  test("the model is given the history before the replaced question, not what it replaces", async () => {
    const fake = await scriptedAssistant();
    try {
      const ask1 = await ask({ message: "Kept question" }, "scripted");
      const first = askResponseSchema.parse(ask1.json);
      const ask2 = await ask({ message: "Replaced question", session_id: first.session_id }, "scripted");
      const second = askResponseSchema.parse(ask2.json);
      const again = await ask(
        { message: "Asked instead", session_id: first.session_id, replace_from: second.question_id },
        "scripted",
      );
      expect(again.status, again.text).toBe(200);
      expect(fake.requests[2]!.body.messages).toEqual([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Kept question" },
        { role: "assistant", content: "Scripted." },
        { role: "user", content: "Asked instead" },
      ]);
    } finally {
      await fake.close();
    }
  });

  test("a refused request removes nothing: unknown id, another session's message, an answer, another user", async () => {
    const [first, second] = await conversation("alice");
    const [other] = await conversation("bob");
    const before = await transcript(first.session_id);
    const otherBefore = await transcript(other.session_id);
    const retry = (fields: object) => ({ message: "Again", session_id: first.session_id, ...fields });

    const unknown = await ask(retry({ replace_from: "msg_000000000000000000000000" }));
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({
      code: "NOT_FOUND",
      message: "Message 'msg_000000000000000000000000' was not found",
    });

    const elsewhere = await ask(retry({ replace_from: other.question_id }));
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json.error.code).toBe("NOT_FOUND");

    const answer = await stream(retry({ replace_from: second.message_id }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: {
        code: "INVALID_INPUT",
        message: `replace_from must name a question (a user message); ${second.message_id} is an answer`,
      },
    });

    const notTheirs = await ask(retry({ replace_from: second.question_id, user: "bob" }));
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.json.error.code).toBe("FORBIDDEN");

    const noSession = await ask({ message: "Again", replace_from: second.question_id });
    expect(noSession.status).toBe(400);
    expect(noSession.json.error.message).toContain("body.replace_from");

    // Another assistant's key cannot reach the session at all.
    await createChatAssistant("sales");
    runtime = bearer((await createKeyActor("runtime", ["sales"])).secret);
    const otherAssistant = await ask(retry({ replace_from: second.question_id }), "sales");
    expect(otherAssistant.status).toBe(404);

    expect(await transcript(first.session_id)).toEqual(before);
    expect(await transcript(other.session_id)).toEqual(otherBefore);
  });

  test("409 CONFLICT while an answer from the question on is still being written", async () => {
    const [first, second] = await conversation();
    await getDb().message.update({ where: { id: second.message_id }, data: { status: "in_progress" } });
    const before = await transcript(first.session_id);
    for (const replace_from of [first.question_id, second.question_id]) {
      const response = await ask({ message: "Again", session_id: first.session_id, replace_from });
      expect(response.status).toBe(409);
      expect(response.json.error).toMatchObject({
        code: "CONFLICT",
        message: `An answer from this question on (${second.message_id}) is still being written; stop it or wait for it first`,
      });
    }
    expect(await transcript(first.session_id)).toEqual(before);
  });

  test("the session's own user may ask again (naming the user or not)", async () => {
    const [first, second] = await conversation("alice");
    const named = await answered({
      message: "Again, as alice",
      user: "alice",
      session_id: first.session_id,
      replace_from: second.question_id,
    });
    const unnamed = await answered({
      message: "Again, unnamed",
      session_id: first.session_id,
      replace_from: named.question_id,
    });
    expect((await transcript(first.session_id)).map((message) => message.id)).toEqual([
      first.question_id,
      first.message_id,
      unnamed.question_id,
      unnamed.message_id,
    ]);
  });

  test.each([
    ["removed (another request replaced it)", "removed"],
    ["answered again meanwhile (an answer after it is being written)", "writing"],
  ] as const)("a question %s after the checks: the recording writes nothing", async (_, change) => {
    const [first, second] = await conversation();
    const { actor } = await createKeyActor("runtime", ["support"]);
    const prepared = await prepareExchange(actor, "support", {
      message: "Again",
      session_id: first.session_id,
      replace_from: first.question_id,
    });
    try {
      if (change === "removed") await getDb().message.deleteMany({ where: { sessionId: first.session_id } });
      else {
        await getDb().message.update({ where: { id: second.message_id }, data: { status: "in_progress" } });
      }
      const before = await transcript(first.session_id);
      await expect(recordExchangeStart(prepared)).rejects.toThrow(/no longer exists/);
      expect(await transcript(first.session_id)).toEqual(before);
      const session = await getDb().chatSession.findUniqueOrThrow({ where: { id: first.session_id } });
      expect(session.messageCount).toBe(4);
    } finally {
      prepared.releaseQuotaSlots();
    }
  });

  test("a failed answer after the question was taken is recorded as any other: failed, in its place", async () => {
    const [first, second] = await conversation();
    simulator().setFaults({ error: { status: 500, next: 1 } });
    const failed = await ask({
      message: "Again",
      session_id: first.session_id,
      replace_from: second.question_id,
    });
    expect(failed.status).toBe(502);
    const messages = await transcript(first.session_id);
    expect(messages.map((message) => [message.role, message.status])).toEqual([
      ["user", "completed"],
      ["assistant", "completed"],
      ["user", "completed"],
      ["assistant", "failed"],
    ]);
    expect(messages[2]!.content).toBe("Again");
    expect(messages.map((message) => message.id)).not.toContain(second.question_id);
  });
});
