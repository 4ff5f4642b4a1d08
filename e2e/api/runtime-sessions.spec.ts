// Sessions and end users of the runtime API: start, list (pages, per user), read with messages,
// delete; the end users an assistant has seen with their counts; who may do what; and that an
// assistant's deletion takes its sessions with it.
import type { APIRequestContext } from "@playwright/test";
import { bearer, expect, expectApiError, raw, test } from "../fixtures";
import {
  createAssistant,
  createRuntimeKey,
  type AskResponse,
  type EndUser,
  type List,
  type Session,
  type SessionDetail,
} from "../support/runtime-api";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const SESSION_FIELDS = [
  "assistant_id",
  "channel",
  "created_at",
  "first_question",
  "id",
  "last_message_at",
  "last_status",
  "message_count",
  "metadata",
  "object",
  "tokens",
  "user",
];
const MESSAGE_FIELDS = [
  "backend_id",
  "citations",
  "content",
  "created_at",
  "error",
  "feedback",
  "id",
  "model",
  "object",
  "rag",
  "reasoning",
  "role",
  "status",
  "timings",
  "usage",
];

/** A runtime client: the request context with a runtime key's header on every call. */
function runtime(request: APIRequestContext, key: string) {
  const headers = bearer(key);
  return {
    ask: async (assistantId: string, data: object) => {
      const response = await request.post(`/assistants/${assistantId}/ask`, { headers, data });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as AskResponse;
    },
    startSession: (assistantId: string, data?: object) =>
      request.post(`/assistants/${assistantId}/sessions`, { headers, ...(data ? { data } : {}) }),
    list: (assistantId: string, params: Record<string, string | number> = {}) =>
      request.get(`/assistants/${assistantId}/sessions`, { headers, params }),
    get: (assistantId: string, sessionId: string) =>
      request.get(`/assistants/${assistantId}/sessions/${sessionId}`, { headers }),
    delete: (assistantId: string, sessionId: string) =>
      request.delete(`/assistants/${assistantId}/sessions/${sessionId}`, { headers }),
    users: (assistantId: string, params: Record<string, string | number> = {}) =>
      request.get(`/assistants/${assistantId}/users`, { headers, params }),
  };
}

test.describe("POST /assistants/{id}/sessions", () => {
  test("201 with the session, its user and metadata; the session is then continued by ask", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("start"));
    const client = runtime(request, runtimeKey.key);
    const response = await client.startSession(id, { user: "ursula", metadata: { channel: "web" } });
    expect(response.status(), await response.text()).toBe(201);
    expect(response.headers()["x-request-id"]).toBeTruthy();
    const session = (await response.json()) as Session;
    expect(Object.keys(session).sort()).toEqual(SESSION_FIELDS);
    expect(session).toMatchObject({
      object: "session",
      assistant_id: id,
      user: "ursula",
      metadata: { channel: "web" },
      channel: "api",
      message_count: 0,
      last_message_at: null,
      first_question: null,
      last_status: null,
      tokens: { prompt: 0, completion: 0 },
    });
    expect(session.id).toMatch(/^sess_[0-9a-f]{24}$/);
    expect(session.created_at).toMatch(ISO);

    const answer = await client.ask(id, { message: "Hello", session_id: session.id, user: "ursula" });
    expect(answer.session_id).toBe(session.id);
    const detail = (await (await client.get(id, session.id)).json()) as SessionDetail;
    expect(detail).toMatchObject({
      message_count: 2,
      user: "ursula",
      metadata: { channel: "web" },
      channel: "api",
      first_question: "Hello",
      last_status: "completed",
    });
    expect(detail.tokens.completion).toBeGreaterThan(0);
    expect(detail.last_message_at).toMatch(ISO);
  });

  test("no body, or an empty one, starts an anonymous session", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("bare"));
    const client = runtime(request, runtimeKey.key);
    for (const response of [await client.startSession(id), await client.startSession(id, {})]) {
      expect(response.status(), await response.text()).toBe(201);
      expect(await response.json()).toMatchObject({ user: null, metadata: {}, message_count: 0 });
    }
  });

  test("400 for an unknown field or a bad user or metadata; 415 for a non-JSON body", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("badstart"));
    const client = runtime(request, runtimeKey.key);
    for (const data of [
      { owner: "x" },
      { user: "" },
      { user: "u".repeat(257) },
      { metadata: { k: 1 } },
      { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, "v"])) },
    ]) {
      await expectApiError(await client.startSession(id, data), 400, "INVALID_INPUT");
    }
    await expectApiError(
      await request.post(`/assistants/${id}/sessions`, {
        headers: { ...bearer(runtimeKey.key), "content-type": "text/plain" },
        data: raw('{"user":"x"}'),
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    const sessions = (await (await client.list(id)).json()) as List<Session>;
    expect(sessions.total).toBe(0);
  });
});

test.describe("GET /assistants/{id}/sessions", () => {
  test("pages newest first with limit and cursor, and filters by user", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("list"));
    const client = runtime(request, runtimeKey.key);
    const created: Session[] = [];
    for (const user of ["u1", "u2", "u1", "u3", "u1"]) {
      created.push((await (await client.startSession(id, { user })).json()) as Session);
    }
    const newestFirst = created.map((session) => session.id).reverse();

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const response = await client.list(id, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(response.status(), await response.text()).toBe(200);
      const page = (await response.json()) as List<Session>;
      expect(page).toMatchObject({ object: "list", total: 5 });
      expect(page.data.length).toBeLessThanOrEqual(2);
      for (const session of page.data) expect(Object.keys(session).sort()).toEqual(SESSION_FIELDS);
      seen.push(...page.data.map((session) => session.id));
      cursor = page.next_cursor;
      if (!cursor) break;
      expect(cursor).toBe(page.data.at(-1)!.id);
    }
    expect(seen).toEqual(newestFirst);

    const u1 = (await (await client.list(id, { user: "u1" })).json()) as List<Session>;
    expect(u1.total).toBe(3);
    expect(u1.data.map((session) => session.id)).toEqual(
      created
        .filter((session) => session.user === "u1")
        .map((session) => session.id)
        .reverse(),
    );
    const nobody = (await (await client.list(id, { user: "nobody" })).json()) as List<Session>;
    expect(nobody).toEqual({ object: "list", data: [], total: 0, next_cursor: null });
  });

  test("filters by start time: created_after inclusive, created_before exclusive, with user", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("dates"));
    const client = runtime(request, runtimeKey.key);
    const created: Session[] = [];
    for (const user of ["u1", "u2", "u1"]) {
      created.push((await (await client.startSession(id, { user })).json()) as Session);
      // Distinct start times (milliseconds), so that each bound falls between two sessions.
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const [first, second, third] = created as [Session, Session, Session];
    const ids = async (params: Record<string, string>) => {
      const response = await client.list(id, params);
      expect(response.status(), await response.text()).toBe(200);
      const page = (await response.json()) as List<Session>;
      expect(page.total).toBe(page.data.length);
      return page.data.map((session) => session.id);
    };

    expect(await ids({ created_after: second.created_at })).toEqual([third.id, second.id]);
    expect(await ids({ created_before: second.created_at })).toEqual([first.id]);
    expect(await ids({ created_after: first.created_at, created_before: third.created_at })).toEqual([
      second.id,
      first.id,
    ]);
    expect(await ids({ created_after: first.created_at, user: "u1" })).toEqual([third.id, first.id]);
    // A date alone is midnight UTC; an offset is honoured.
    const today = first.created_at.slice(0, 10);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await ids({ created_after: today, created_before: tomorrow })).toHaveLength(3);
    expect(await ids({ created_after: tomorrow })).toEqual([]);
    // The second session's start, written as the wall-clock time at UTC+2.
    const sameInstant = new Date(Date.parse(second.created_at) + 2 * 3_600_000)
      .toISOString()
      .replace("Z", "+02:00");
    expect(await ids({ created_after: sameInstant })).toEqual([third.id, second.id]);
  });

  test("400 INVALID_INPUT for a malformed date or a range that ends before it starts", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("baddates"));
    const client = runtime(request, runtimeKey.key);
    for (const [params, field] of [
      [{ created_after: "yesterday" }, "created_after"],
      [{ created_before: "2026-02-30" }, "created_before"],
      [{ created_after: "2026-05-01 10:00" }, "created_after"],
    ] as const) {
      const body = await expectApiError(await client.list(id, params), 400, "INVALID_INPUT");
      expect(body.error.message).toContain(`query.${field}`);
      expect(body.error.message).toContain("ISO 8601");
    }
    for (const params of [
      { created_after: "2026-05-02", created_before: "2026-05-01" },
      { created_after: "2026-05-01T00:00:00Z", created_before: "2026-05-01" },
    ]) {
      const body = await expectApiError(await client.list(id, params), 400, "INVALID_INPUT");
      expect(body.error.message).toBe("Invalid query.created_before: must be later than created_after");
    }
  });

  test("400 INVALID_INPUT for a bad limit, an unknown cursor or parameter", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("badlist"));
    const client = runtime(request, runtimeKey.key);
    const cases: Record<string, string | number>[] = [
      { limit: 0 },
      { limit: 1000 },
      { limit: "x" },
      { cursor: "sess_nope" },
      { order: "asc" },
    ];
    for (const params of cases) {
      await expectApiError(await client.list(id, params), 400, "INVALID_INPUT");
    }
  });
});

test.describe("GET and DELETE /assistants/{id}/sessions/{session_id}", () => {
  test("the detail lists the messages with their documented fields", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("detail"));
    const client = runtime(request, runtimeKey.key);
    const empty = (await (await client.startSession(id)).json()) as Session;
    const emptyDetail = await client.get(id, empty.id);
    expect(emptyDetail.status()).toBe(200);
    expect(await emptyDetail.json()).toEqual({ ...empty, messages: [] });

    const answer = await client.ask(id, { message: "Detail please" });
    const detail = (await (await client.get(id, answer.session_id)).json()) as SessionDetail;
    expect(Object.keys(detail).sort()).toEqual([...SESSION_FIELDS, "messages"].sort());
    expect(detail.messages).toHaveLength(2);
    for (const message of detail.messages) {
      expect(Object.keys(message).sort()).toEqual(MESSAGE_FIELDS);
      expect(message.object).toBe("message");
      expect(message.created_at).toMatch(ISO);
    }
    const [question, reply] = detail.messages as [
      SessionDetail["messages"][number],
      SessionDetail["messages"][number],
    ];
    expect(question).toMatchObject({
      role: "user",
      content: "Detail please",
      status: "completed",
      error: null,
    });
    expect(reply).toMatchObject({
      id: answer.message_id,
      role: "assistant",
      content: answer.answer,
      status: "completed",
      usage: answer.usage,
      citations: [],
    });
    expect(reply.timings).toMatchObject({ ttft_ms: expect.any(Number), total_ms: expect.any(Number) });
  });

  test("DELETE answers a deletion object; the session is gone everywhere afterwards", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("delsess"));
    const client = runtime(request, runtimeKey.key);
    const kept = await client.ask(id, { message: "Keep me" });
    const doomed = await client.ask(id, { message: "Forget me" });

    const response = await client.delete(id, doomed.session_id);
    expect(response.status(), await response.text()).toBe(200);
    expect(await response.json()).toEqual({
      id: doomed.session_id,
      object: "session.deleted",
      deleted: true,
    });

    await expectApiError(await client.get(id, doomed.session_id), 404, "NOT_FOUND");
    await expectApiError(await client.delete(id, doomed.session_id), 404, "NOT_FOUND");
    await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers: bearer(runtimeKey.key),
        data: { message: "Again", session_id: doomed.session_id },
      }),
      404,
      "NOT_FOUND",
    );
    const list = (await (await client.list(id)).json()) as List<Session>;
    expect(list.data.map((session) => session.id)).toEqual([kept.session_id]);
  });

  test("404 NOT_FOUND for an unknown session, or one of another assistant", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("nosess"));
    const other = await createAssistant(api, uniqueId("othersess"));
    const client = runtime(request, runtimeKey.key);
    const theirs = (await (await client.startSession(other)).json()) as Session;
    for (const sessionId of ["sess_000000000000000000000000", theirs.id]) {
      await expectApiError(await client.get(id, sessionId), 404, "NOT_FOUND");
      await expectApiError(await client.delete(id, sessionId), 404, "NOT_FOUND");
    }
    // The other assistant's session survived the attempt.
    expect((await client.get(other, theirs.id)).status()).toBe(200);
  });
});

test.describe("GET /assistants/{id}/users", () => {
  test("lists the end users seen, most recent first, with counts and first and last seen", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("users"));
    const client = runtime(request, runtimeKey.key);
    const first = await client.ask(id, { message: "Hi", user: "alice" });
    await client.ask(id, { message: "More", user: "alice", session_id: first.session_id });
    expect((await client.startSession(id, { user: "alice" })).status()).toBe(201);
    await client.ask(id, { message: "Hello", user: "bob" });
    await client.ask(id, { message: "Anonymous" });

    const response = await client.users(id);
    expect(response.status(), await response.text()).toBe(200);
    const users = (await response.json()) as List<EndUser>;
    expect(users).toMatchObject({ object: "list", total: 2, next_cursor: null });
    expect(users.data.map((user) => [user.id, user.session_count, user.message_count])).toEqual([
      ["bob", 1, 2],
      ["alice", 2, 4],
    ]);
    for (const user of users.data) {
      expect(Object.keys(user).sort()).toEqual([
        "first_seen_at",
        "id",
        "last_seen_at",
        "message_count",
        "object",
        "session_count",
      ]);
      expect(user.object).toBe("end_user");
      expect(Date.parse(user.first_seen_at)).toBeLessThanOrEqual(Date.parse(user.last_seen_at));
    }
    const alice = users.data[1]!;
    expect(Date.parse(alice.first_seen_at)).toBeLessThan(Date.parse(alice.last_seen_at));

    const page = (await (await client.users(id, { limit: 1 })).json()) as List<EndUser>;
    expect(page.data.map((user) => user.id)).toEqual(["bob"]);
    expect(page.next_cursor).toBe("bob");
    const next = (await (await client.users(id, { limit: 1, cursor: "bob" })).json()) as List<EndUser>;
    expect(next.data.map((user) => user.id)).toEqual(["alice"]);
    expect(next.next_cursor).toBeNull();
    await expectApiError(await client.users(id, { cursor: "carol" }), 400, "INVALID_INPUT");
    await expectApiError(await client.users(id, { user: "alice" }), 400, "INVALID_INPUT");
  });
});

test.describe("concurrent exchanges", () => {
  test("first questions of one new user at once: every one answered, one end user recorded", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("crowd"));
    const client = runtime(request, runtimeKey.key);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => client.ask(id, { message: `Question ${i}`, user: "newcomer" })),
    );
    expect(new Set(answers.map((answer) => answer.session_id)).size).toBe(6);
    const users = (await (await client.users(id)).json()) as List<EndUser>;
    expect(users.data.map((user) => [user.id, user.session_count, user.message_count])).toEqual([
      ["newcomer", 6, 12],
    ]);
  });

  test("questions in one session at once: every exchange is stored, none lost", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("together"));
    const client = runtime(request, runtimeKey.key);
    const session = (await (await client.startSession(id, { user: "duo" })).json()) as Session;
    const answers = await Promise.all(
      ["One", "Two", "Three"].map((message) =>
        client.ask(id, { message, session_id: session.id, user: "duo" }),
      ),
    );
    expect(answers.every((answer) => answer.session_id === session.id)).toBe(true);
    const detail = (await (await client.get(id, session.id)).json()) as SessionDetail;
    expect(detail.message_count).toBe(6);
    expect(detail.messages).toHaveLength(6);
    expect(
      detail.messages
        .filter((message) => message.role === "user")
        .map((message) => message.content)
        .sort(),
    ).toEqual(["One", "Three", "Two"]);
    expect(detail.messages.every((message) => message.status === "completed")).toBe(true);
  });
});

test.describe("runtime sessions API access", () => {
  test("401 without a key, 403 with a key of another assistant, 404 for an unknown assistant", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("guarded"));
    const other = await createAssistant(api, uniqueId("guarded-other"));
    const session = (await (await runtime(request, runtimeKey.key).startSession(id)).json()) as Session;
    const calls = (client: ReturnType<typeof runtime>, assistantId: string) => [
      () => client.startSession(assistantId, {}),
      () => client.list(assistantId),
      () => client.get(assistantId, session.id),
      () => client.delete(assistantId, session.id),
      () => client.users(assistantId),
    ];

    for (const call of calls(runtime(request, "hth_not_a_real_key_000000000000000000000"), id)) {
      await expectApiError(await call(), 401, "UNAUTHORIZED");
    }
    for (const call of [
      () => request.get(`/assistants/${id}/sessions`),
      () => request.get(`/assistants/${id}/users`),
      () => request.delete(`/assistants/${id}/sessions/${session.id}`),
    ]) {
      await expectApiError(await call(), 401, "UNAUTHORIZED");
    }
    const otherKey = await createRuntimeKey(api, [other]);
    for (const call of calls(runtime(request, otherKey), id)) {
      await expectApiError(await call(), 403, "FORBIDDEN");
    }
    for (const call of calls(runtime(request, runtimeKey.key), uniqueId("ghost"))) {
      await expectApiError(await call(), 404, "NOT_FOUND");
    }
    // The refused calls changed nothing.
    expect((await runtime(request, runtimeKey.key).get(id, session.id)).status()).toBe(200);
  });

  test("a key restricted to the assistant may do everything with its sessions", async ({
    api,
    request,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("scoped"));
    const client = runtime(request, await createRuntimeKey(api, [id]));
    const session = (await (await client.startSession(id, { user: "zoe" })).json()) as Session;
    expect((await client.list(id)).status()).toBe(200);
    expect((await client.get(id, session.id)).status()).toBe(200);
    expect((await client.users(id)).status()).toBe(200);
    expect((await client.delete(id, session.id)).status()).toBe(200);
  });

  test("deleting the assistant removes its sessions: the runtime answers 404 for it", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("doomed"));
    const client = runtime(request, runtimeKey.key);
    const answer = await client.ask(id, { message: "Soon gone", user: "temp" });
    expect((await api.delete(`/admin/assistants/${id}`)).status()).toBe(200);

    await expectApiError(await client.list(id), 404, "NOT_FOUND");
    await expectApiError(await client.get(id, answer.session_id), 404, "NOT_FOUND");
    await expectApiError(await client.users(id), 404, "NOT_FOUND");
    await expectApiError(await client.startSession(id, {}), 404, "NOT_FOUND");

    // A new assistant with the same id starts with nothing of the old one's.
    await createAssistant(api, id);
    expect(await (await client.list(id)).json()).toEqual({
      object: "list",
      data: [],
      total: 0,
      next_cursor: null,
    });
    expect(await (await client.users(id)).json()).toEqual({
      object: "list",
      data: [],
      total: 0,
      next_cursor: null,
    });
    await expectApiError(await client.get(id, answer.session_id), 404, "NOT_FOUND");
  });
});
