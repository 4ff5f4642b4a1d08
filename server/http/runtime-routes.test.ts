// The runtime REST API (ask, stream, sessions, end users) through its route handlers, called
// in-process as Next would call them, with a backend on the vLLM simulator behind them.
import { beforeEach, describe, expect, test } from "vitest";
import * as askRoute from "@/app/assistants/[assistant_id]/ask/route";
import * as sessionRoute from "@/app/assistants/[assistant_id]/sessions/[session_id]/route";
import * as sessionsRoute from "@/app/assistants/[assistant_id]/sessions/route";
import * as streamRoute from "@/app/assistants/[assistant_id]/stream/route";
import * as usersRoute from "@/app/assistants/[assistant_id]/users/route";
import { getDb } from "@/server/db/client";
import { env } from "@/server/env";
import {
  askResponseSchema,
  endUserListSchema,
  sessionDetailSchema,
  sessionListSchema,
  sessionSchema,
  streamEventSchema,
} from "@/server/schemas/chat";
import { setAssistantEnabled } from "@/server/services/assistants/set-assistant-enabled";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import {
  createChatAssistant,
  parseSse,
  readSseUntil,
  registerSimulatorBackend,
  simulatorForFile,
  waitFor,
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

function postStream(
  assistantId: string,
  body: unknown,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  const request = new Request(`http://localhost/assistants/${assistantId}/stream`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(options.headers ?? runtime) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: options.signal,
  });
  return streamRoute.POST(request, { params: Promise.resolve({ assistant_id: assistantId }) });
}

function ask(assistantId: string, body: unknown, headers = runtime) {
  return callRoute(askRoute.POST, {
    path: `/assistants/${assistantId}/ask`,
    params: { assistant_id: assistantId },
    headers,
    body,
  });
}

/** The JSON of one stream event; which fields are present depends on its type. */
interface EventData {
  type: string;
  sequence_number: number;
  session_id?: string;
  message_id?: string;
  delta?: string;
  response?: unknown;
  error?: { code: string; message: string };
}

function dataOf(event: { data: string }): EventData {
  return JSON.parse(event.data) as EventData;
}

describe("POST /assistants/{id}/stream", () => {
  test("streams numbered events, unbuffered, ending with response.completed", async () => {
    const response = await postStream("support", { message: "What is Hearth?", user: "alice" });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(response.headers.get("x-request-id")).toBeTruthy();

    const text = await response.text();
    const { events, comments } = parseSse(text);
    expect(comments[0]).toBe("stream open");
    // Between created/rag and completed, only answer deltas (at most one per token: tokens the
    // server reads together travel as one).
    const names = events.map((event) => event.event);
    expect(names.slice(0, 2)).toEqual(["response.created", "rag.completed"]);
    expect(names.at(-1)).toBe("response.completed");
    const deltas = names.slice(2, -1);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThanOrEqual(20);
    expect(new Set(deltas)).toEqual(new Set(["output_text.delta"]));
    events.forEach((event, index) => {
      const data = dataOf(event);
      expect(streamEventSchema.safeParse(data).success).toBe(true);
      expect(data.type).toBe(event.event);
      expect(event.id).toBe(String(index + 1));
      expect(data.sequence_number).toBe(index + 1);
    });
    const completed = dataOf(events.at(-1)!);
    const answer = askResponseSchema.parse(completed.response);
    expect(answer.answer).toBe(
      events
        .slice(2, -1)
        .map((event) => dataOf(event).delta)
        .join(""),
    );
    expect(answer.session_id).toBe(dataOf(events[0]!).session_id);
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: answer.message_id } });
    expect(stored).toMatchObject({ status: "completed", content: answer.answer });
  });

  test("sends reasoning deltas when asked", async () => {
    const { events } = parseSse(
      await (await postStream("support", { message: "Why?", reasoning: true })).text(),
    );
    const reasoning = events
      .filter((event) => event.event === "reasoning.delta")
      .map((event) => dataOf(event).delta);
    expect(reasoning.join("")).toBe("Simulated reasoning at medium");
    expect(askResponseSchema.parse(dataOf(events.at(-1)!).response).reasoning).toBe(
      "Simulated reasoning at medium",
    );
  });

  test("keeps the connection alive with heartbeats while the model has not answered yet", async () => {
    simulator().setFaults({ slowStart: { extraMs: 700, next: 1 } });
    const text = await (await postStream("support", { message: "Hi" })).text();
    const heartbeat = text.indexOf(": heartbeat");
    expect(heartbeat).toBeGreaterThan(0);
    expect(heartbeat).toBeLessThan(text.indexOf("event: output_text.delta"));
    expect(parseSse(text).events.at(-1)?.event).toBe("response.completed");
  });

  test("a stream cut upstream ends with an error event, never response.completed", async () => {
    simulator().setFaults({ cut: { afterTokens: 8, next: 1 } });
    const response = await postStream("support", { message: "Hi" });
    expect(response.status).toBe(200);

    const { events } = parseSse(await response.text());

    expect(events.some((event) => event.event === "response.completed")).toBe(false);
    const last = events.at(-1)!;
    expect(last.event).toBe("error");
    expect(dataOf(last)).toMatchObject({
      type: "error",
      error: { code: "UPSTREAM_ERROR" },
      sequence_number: events.length,
    });
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: dataOf(last).message_id! } });
    expect(stored).toMatchObject({ status: "failed", errorCode: "UPSTREAM_ERROR" });
  });

  describe("a client that goes away mid-stream", () => {
    beforeEach(() => {
      // Holds the generation upstream after a few tokens, so it is still running when the client leaves.
      simulator().setFaults({ stall: { afterTokens: 6, durationMs: 3_000, next: 1 } });
    });

    test("aborting the request cancels the generation upstream and stores it as cancelled", async () => {
      const before = simulator().stats().aborted;
      const controller = new AbortController();
      const response = await postStream("support", { message: "Hi" }, { signal: controller.signal });
      const { text, reader } = await readSseUntil(response.body!, (read) =>
        read.includes("event: output_text.delta"),
      );
      const messageId = dataOf(parseSse(text).events[0]!).message_id!;

      controller.abort();

      await waitFor(() => simulator().stats().aborted === before + 1);
      await waitFor(
        async () => (await getDb().message.findUnique({ where: { id: messageId } }))?.status === "cancelled",
      );
      const stored = await getDb().message.findUniqueOrThrow({ where: { id: messageId } });
      expect(stored.errorCode).toBe("CANCELLED");
      await reader.cancel();
    });

    test("cancelling the response body does the same", async () => {
      const before = simulator().stats().aborted;
      const response = await postStream("support", { message: "Hi" });
      const { text, reader } = await readSseUntil(response.body!, (read) =>
        read.includes("event: output_text.delta"),
      );
      const messageId = dataOf(parseSse(text).events[0]!).message_id!;

      await reader.cancel();

      await waitFor(() => simulator().stats().aborted === before + 1);
      await waitFor(
        async () => (await getDb().message.findUnique({ where: { id: messageId } }))?.status === "cancelled",
      );
    });
  });

  describe("errors before the stream starts are JSON", () => {
    async function expectJsonError(response: Response, status: number, code: string) {
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).not.toBe("");
    }

    test("404 for an unknown assistant", async () => {
      const anyAssistant = bearer((await createKeyActor("runtime")).secret);
      await expectJsonError(
        await postStream("nobody", { message: "Hi" }, { headers: anyAssistant }),
        404,
        "NOT_FOUND",
      );
    });

    test("403 for a key of another assistant", async () => {
      await createChatAssistant("sales");
      await expectJsonError(await postStream("sales", { message: "Hi" }), 403, "FORBIDDEN");
    });

    test("409 for a disabled assistant", async () => {
      await setAssistantEnabled(master, "support", false);
      await expectJsonError(await postStream("support", { message: "Hi" }), 409, "ASSISTANT_DISABLED");
    });

    test("400 for an invalid body", async () => {
      await expectJsonError(await postStream("support", {}), 400, "INVALID_INPUT");
      await expectJsonError(
        await postStream("support", { message: "Hi", colour: "blue" }),
        400,
        "INVALID_INPUT",
      );
      await expectJsonError(await postStream("support", "{not json"), 400, "INVALID_INPUT");
      await expectJsonError(await postStream("support", { message: "  " }), 400, "INVALID_INPUT");
    });

    test("413 for a message over the limit", async () => {
      const message = "x".repeat(env.HEARTH_MAX_MESSAGE_CHARS + 1);
      await expectJsonError(await postStream("support", { message }), 413, "PAYLOAD_TOO_LARGE");
    });

    test("401 without a key", async () => {
      await expectJsonError(
        await postStream("support", { message: "Hi" }, { headers: {} }),
        401,
        "UNAUTHORIZED",
      );
      const wrong = { authorization: "Bearer hth_not_a_real_key_0123456789abcdef" };
      await expectJsonError(
        await postStream("support", { message: "Hi" }, { headers: wrong }),
        401,
        "UNAUTHORIZED",
      );
    });
  });
});

describe("POST /assistants/{id}/ask", () => {
  test("answers in the documented shape", async () => {
    const response = await ask("support", { message: "What is Hearth?", user: "alice", reasoning: true });

    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const answer = askResponseSchema.parse(response.json);
    expect(answer).toEqual(response.json);
    expect(answer.answer).toMatch(/^Simulated answer to: What is Hearth\?/);
    expect(answer).toMatchObject({
      backend: "sim",
      model: "gpt-oss-20b",
      reasoning: "Simulated reasoning at medium",
      usage: { completion_tokens: 24 },
    });
  });

  test("a 429 upstream is a 429 with Retry-After", async () => {
    simulator().setFaults({ rateLimit: { retryAfterSeconds: 7, next: 1 } });
    const response = await ask("support", { message: "Hi" });

    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.json.error.code).toBe("RATE_LIMITED");
  });

  test("a cut upstream is a 502 naming the stored exchange", async () => {
    simulator().setFaults({ cut: { afterTokens: 3, next: 1 } });
    const response = await ask("support", { message: "Hi" });

    expect(response.status).toBe(502);
    expect(response.json.error.code).toBe("UPSTREAM_ERROR");
    const details = response.json.error.details as unknown as { message_id: string; session_id: string };
    expect(details.session_id).toMatch(/^sess_/);
    const stored = await getDb().message.findUniqueOrThrow({ where: { id: details.message_id } });
    expect(stored.status).toBe("failed");
  });

  test("a model no backend serves is a 503 NO_BACKEND", async () => {
    await createChatAssistant("other", { model: "llama-3-8b" });
    const response = await ask("other", { message: "Hi" }, bearer((await createKeyActor("runtime")).secret));
    expect(response.status).toBe(503);
    expect(response.json.error.code).toBe("NO_BACKEND");
  });
});

describe("sessions and end users", () => {
  const sessions = (query = "") => ({
    path: `/assistants/support/sessions${query}`,
    params: { assistant_id: "support" },
  });
  const session = (id: string) => ({
    path: `/assistants/support/sessions/${id}`,
    params: { assistant_id: "support", session_id: id },
  });

  test("create a session (201), then continue it", async () => {
    const created = await callRoute(sessionsRoute.POST, {
      ...sessions(),
      headers: runtime,
      body: { user: "alice", metadata: { plan: "pro" } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      object: "session",
      assistant_id: "support",
      user: "alice",
      metadata: { plan: "pro" },
      message_count: 0,
      last_message_at: null,
    });

    const answered = await ask("support", { message: "Hi", user: "alice", session_id: created.json.id });
    expect(answered.json.session_id).toBe(created.json.id);
  });

  test("list newest first, page by cursor, filter by user", async () => {
    const ids: string[] = [];
    for (const user of ["alice", "bob", "alice"]) {
      const created = await callRoute(sessionsRoute.POST, {
        ...sessions(),
        headers: runtime,
        body: { user },
      });
      ids.push(sessionSchema.parse(created.json).id);
    }
    const list = async (query: string) => {
      const response = await callRoute(sessionsRoute.GET, { ...sessions(query), headers: runtime });
      expect(response.status).toBe(200);
      return sessionListSchema.parse(response.json);
    };

    const first = await list("?limit=2");
    expect(first).toMatchObject({ object: "list", total: 3, next_cursor: ids[1] });
    expect(first.data.map((row) => row.id)).toEqual([ids[2], ids[1]]);

    const second = await list(`?limit=2&cursor=${first.next_cursor}`);
    expect(second.data.map((row) => row.id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();

    const alice = await list("?user=alice");
    expect(alice.total).toBe(2);
    expect(alice.data.map((row) => row.user)).toEqual(["alice", "alice"]);

    const badCursor = await callRoute(sessionsRoute.GET, {
      ...sessions("?cursor=sess_nope"),
      headers: runtime,
    });
    expect(badCursor.status).toBe(400);
  });

  test("detail lists the messages in order; delete removes it (then 404)", async () => {
    const first = askResponseSchema.parse((await ask("support", { message: "One", user: "alice" })).json);
    simulator().setFaults({ cut: { afterTokens: 3, next: 1 } });
    await ask("support", { message: "Two", user: "alice", session_id: first.session_id });
    const id = first.session_id;

    const response = await callRoute(sessionRoute.GET, { ...session(id), headers: runtime });
    expect(response.status).toBe(200);
    const detail = sessionDetailSchema.parse(response.json);
    expect(detail).toMatchObject({ id, user: "alice", message_count: 4 });
    expect(detail.messages.map((message) => [message.role, message.status])).toEqual([
      ["user", "completed"],
      ["assistant", "completed"],
      ["user", "completed"],
      ["assistant", "failed"],
    ]);
    const [question, answer, , failed] = detail.messages;
    expect(question?.content).toBe("One");
    expect(answer).toMatchObject({
      content: first.answer,
      usage: first.usage,
      reasoning: "Simulated reasoning at medium",
      model: "gpt-oss-20b",
      error: null,
    });
    expect(answer?.backend_id).toMatch(/^be_/);
    expect(answer?.timings?.total_ms).toEqual(expect.any(Number));
    expect(failed?.error).toMatchObject({ code: "UPSTREAM_ERROR" });

    const deleted = await callRoute(sessionRoute.DELETE, {
      ...session(id),
      method: "DELETE",
      headers: runtime,
    });
    expect(deleted.json).toEqual({ id, object: "session.deleted", deleted: true });
    expect((await callRoute(sessionRoute.GET, { ...session(id), headers: runtime })).status).toBe(404);
    expect(
      (await callRoute(sessionRoute.DELETE, { ...session(id), method: "DELETE", headers: runtime })).status,
    ).toBe(404);
    expect(await getDb().message.count({ where: { sessionId: id } })).toBe(0);
  });

  test("end users with their session and message counts, most recent first", async () => {
    const first = await ask("support", { message: "One", user: "alice" });
    await ask("support", { message: "Two", user: "alice", session_id: first.json.session_id });
    await ask("support", { message: "Three", user: "alice" });
    await ask("support", { message: "Hi", user: "bob" });
    await ask("support", { message: "Anonymous" });

    const users = await callRoute(usersRoute.GET, {
      path: "/assistants/support/users",
      params: { assistant_id: "support" },
      headers: runtime,
    });

    expect(users.status).toBe(200);
    const list = endUserListSchema.parse(users.json);
    expect(list).toMatchObject({ object: "list", total: 2, next_cursor: null });
    expect(list.data.map((user) => [user.id, user.session_count, user.message_count])).toEqual([
      ["bob", 1, 2],
      ["alice", 2, 6],
    ]);

    const page = await callRoute(usersRoute.GET, {
      path: "/assistants/support/users?limit=1",
      params: { assistant_id: "support" },
      headers: runtime,
    });
    const firstPage = endUserListSchema.parse(page.json);
    expect(firstPage.data.map((user) => user.id)).toEqual(["bob"]);
    expect(firstPage.next_cursor).toBe("bob");
  });

  test("a key of another assistant may not read its sessions", async () => {
    await createChatAssistant("sales");
    const response = await callRoute(sessionsRoute.GET, {
      path: "/assistants/sales/sessions",
      params: { assistant_id: "sales" },
      headers: runtime,
    });
    expect(response.status).toBe(403);
  });
});

describe("an upstream's error answer never reaches the caller (issue 13, item 5)", () => {
  const upstream = "internal note: weights at /srv/private-models, owner ops-team, host gpu-7.lan";
  const leaks = /srv\/private|ops-team|gpu-7|sim\b/;

  test("ask and stream answer with Hearth's message; only an admin caller reads the detail back", async () => {
    simulator().setFaults({ error: { status: 400, message: upstream, next: 2 } });
    const asked = await ask("support", { message: "Hi" });
    expect(asked.status).toBe(502);
    expect(asked.json.error).toMatchObject({
      code: "UPSTREAM_ERROR",
      message: "The model server could not answer this request",
    });
    expect(asked.text).not.toMatch(leaks);
    const sessionId = (asked.json.error as unknown as { details: { session_id: string } }).details.session_id;

    const streamed = await (await postStream("support", { message: "Hi" })).text();
    expect(streamed).toContain('"code":"UPSTREAM_ERROR"');
    expect(streamed).toContain("The model server could not answer this request");
    expect(streamed).not.toMatch(leaks);

    const path = {
      path: `/assistants/support/sessions/${sessionId}`,
      params: { assistant_id: "support", session_id: sessionId },
    };
    const asRuntime = await callRoute(sessionRoute.GET, { ...path, headers: runtime });
    expect(asRuntime.status).toBe(200);
    expect(asRuntime.text).not.toMatch(leaks);
    const failed = sessionDetailSchema
      .parse(asRuntime.json)
      .messages.find((message) => message.status === "failed");
    expect(failed?.error).toEqual({
      code: "UPSTREAM_ERROR",
      message: "The model server could not answer this request",
    });

    const asAdmin = await callRoute(sessionRoute.GET, {
      ...path,
      headers: bearer((await createKeyActor("admin")).secret),
    });
    const seen = sessionDetailSchema
      .parse(asAdmin.json)
      .messages.find((message) => message.status === "failed");
    expect(seen?.error?.detail).toBe(`backend sim: The model server rejected the request (400): ${upstream}`);
  });
});
