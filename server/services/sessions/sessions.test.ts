// The sessions and end-users services: who may read and delete them, their lists, and that an
// assistant's deletion takes its sessions, messages and end users with it. No model backend is
// registered, so exchanges are answered by the retrieval-only engine (stored all the same).
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { listSessionsQuerySchema, type ListSessionsQueryInput } from "../../schemas/chat";
import type { AppError } from "../../errors";
import { createUserActor, keyActor, master } from "../../test/actors";
import { createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import type { Actor } from "../access/actor";
import { deleteAssistant } from "../assistants/delete-assistant";
import { setAssistantEnabled } from "../assistants/set-assistant-enabled";
import { askAssistant } from "../runtime/ask-assistant";
import { createSession } from "./create-session";
import { deleteSession } from "./delete-session";
import { getSession } from "./get-session";
import { listEndUsers } from "./list-end-users";
import { listSessions } from "./list-sessions";

const ask = (assistantId: string, message: string, user?: string, sessionId?: string) =>
  askAssistant(
    master,
    assistantId,
    { message, reasoning: false, ...(user ? { user } : {}), ...(sessionId ? { session_id: sessionId } : {}) },
    new AbortController().signal,
  );

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

describe("createSession", () => {
  test("records the end user once, however many sessions they start", async () => {
    const first = await createSession(master, "support", { user: "alice" });
    const second = await createSession(master, "support", { user: "alice", metadata: { a: "b" } });
    expect(first).toMatchObject({ user: "alice", message_count: 0, metadata: {} });
    expect(second.metadata).toEqual({ a: "b" });
    expect(await getDb().endUser.count({ where: { assistantId: "support" } })).toBe(1);
  });

  test("a disabled assistant is ASSISTANT_DISABLED; a key of another assistant is FORBIDDEN", async () => {
    await setAssistantEnabled(master, "support", false);
    expect((await rejectionOf<AppError>(createSession(master, "support", {}))).code).toBe(
      "ASSISTANT_DISABLED",
    );
    expect(
      (await rejectionOf<AppError>(createSession(keyActor("runtime", ["sales"]), "support", {}))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("reading and deleting", () => {
  test("console users may read; only those who may use the runtime may delete", async () => {
    const { session_id } = await ask("support", "Hi", "alice");
    const viewer = await createUserActor("viewer");
    const operator = await createUserActor("operator");

    expect((await getSession(viewer, "support", session_id)).messages).toHaveLength(2);
    expect((await listSessions(viewer, "support", { limit: 20 })).total).toBe(1);
    expect((await listEndUsers(viewer, "support", { limit: 20 })).total).toBe(1);
    expect((await rejectionOf<AppError>(deleteSession(viewer, "support", session_id))).code).toBe(
      "FORBIDDEN",
    );

    await deleteSession(operator, "support", session_id);
    expect((await rejectionOf<AppError>(getSession(viewer, "support", session_id))).code).toBe("NOT_FOUND");
  });

  test("a session is found only under its own assistant", async () => {
    const { session_id } = await ask("support", "Hi");
    expect((await rejectionOf<AppError>(getSession(master, "sales", session_id))).code).toBe("NOT_FOUND");
    expect((await rejectionOf<AppError>(deleteSession(master, "sales", session_id))).code).toBe("NOT_FOUND");
    expect(await getDb().chatSession.count()).toBe(1);
  });

  test("runtime keys read only their assistants; anonymous callers nothing", async () => {
    const salesKey = keyActor("runtime", ["sales"]);
    const denied = async (actor: Actor) =>
      (await rejectionOf<AppError>(listSessions(actor, "support", { limit: 20 }))).code;
    expect(await denied(salesKey)).toBe("FORBIDDEN");
    expect(await denied({ kind: "anonymous" })).toBe("UNAUTHORIZED");
    expect((await listSessions(keyActor("runtime", ["support"]), "support", { limit: 20 })).total).toBe(0);
  });

  test("an unknown assistant is NOT_FOUND", async () => {
    expect((await rejectionOf<AppError>(listSessions(master, "nobody", { limit: 20 }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await rejectionOf<AppError>(listEndUsers(master, "nobody", { limit: 20 }))).code).toBe(
      "NOT_FOUND",
    );
  });

  test("a cursor that matches nothing is INVALID_INPUT", async () => {
    expect(
      (await rejectionOf<AppError>(listSessions(master, "support", { limit: 20, cursor: "sess_x" }))).code,
    ).toBe("INVALID_INPUT");
    expect(
      (await rejectionOf<AppError>(listEndUsers(master, "support", { limit: 20, cursor: "ghost" }))).code,
    ).toBe("INVALID_INPUT");
  });

  test("pages through end users without repeating or skipping any", async () => {
    for (const user of ["u1", "u2", "u3", "u4", "u5"]) await ask("support", "Hi", user);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEndUsers(master, "support", { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(5);
      seen.push(...page.data.map((user) => user.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["u5", "u4", "u3", "u2", "u1"]);
  });
});

describe("listing by date", () => {
  /** Three sessions of alice and bob, started on 1, 2 and 3 May 2026 at noon UTC. */
  async function sessionsOnThreeDays() {
    const ids: string[] = [];
    for (const [day, user] of [
      [1, "alice"],
      [2, "bob"],
      [3, "alice"],
    ] as const) {
      const session = await createSession(master, "support", { user });
      await getDb().chatSession.update({
        where: { id: session.id },
        data: { createdAt: new Date(Date.UTC(2026, 4, day, 12)) },
      });
      ids.push(session.id);
    }
    await createSession(master, "sales", { user: "alice" });
    return ids;
  }
  const list = (query: ListSessionsQueryInput) =>
    listSessions(master, "support", listSessionsQuerySchema.parse(query));
  const ids = (page: Awaited<ReturnType<typeof list>>) => page.data.map((session) => session.id);

  test("created_after is inclusive, created_before exclusive; they combine with user", async () => {
    const [may1, may2, may3] = await sessionsOnThreeDays();
    expect(ids(await list({ created_after: "2026-05-02" }))).toEqual([may3, may2]);
    expect(ids(await list({ created_after: "2026-05-02T12:00:00Z" }))).toEqual([may3, may2]);
    expect(ids(await list({ created_before: "2026-05-02T12:00:00Z" }))).toEqual([may1]);
    const window = await list({ created_after: "2026-05-01T13:00:00+02:00", created_before: "2026-05-03" });
    expect(ids(window)).toEqual([may2, may1]);
    expect(window.total).toBe(2);
    expect(
      ids(await list({ created_after: "2026-05-01", created_before: "2026-05-04", user: "alice" })),
    ).toEqual([may3, may1]);
    const none = await list({ created_after: "2026-06-01" });
    expect(none).toMatchObject({ data: [], total: 0, next_cursor: null });
  });

  test("pages through a date range without repeating or skipping any", async () => {
    const [may1, may2, may3] = await sessionsOnThreeDays();
    const first = await list({ created_after: "2026-05-01", limit: 1 });
    expect(first).toMatchObject({ total: 3, next_cursor: may3 });
    const second = await list({ created_after: "2026-05-01", limit: 2, cursor: first.next_cursor! });
    expect(ids(second)).toEqual([may2, may1]);
    expect(second.next_cursor).toBeNull();
  });

  test("a malformed date or a range that ends before it starts is refused by the schema", () => {
    const issues = (query: Record<string, string>) =>
      listSessionsQuerySchema
        .safeParse(query)
        .error?.issues.map((issue) => [issue.path.join("."), issue.message]);
    expect(issues({ created_after: "yesterday" })).toEqual([
      ["created_after", expect.stringContaining("ISO 8601") as string],
    ]);
    expect(issues({ created_before: "2026-02-30" })?.[0]?.[0]).toBe("created_before");
    // Year 0 is valid ISO 8601 (and JavaScript), but PostgreSQL has none (the fuzzer found it).
    expect(issues({ created_after: "0000-02-29" })).toEqual([
      ["created_after", "must be between the years 1 and 9999"],
    ]);
    expect(issues({ created_before: "0001-01-01T00:30:00+01:00" })?.[0]?.[0]).toBe("created_before");
    expect(issues({ created_after: "2026-05-02", created_before: "2026-05-01" })).toEqual([
      ["created_before", "must be later than created_after"],
    ]);
    expect(issues({ created_after: "2026-05-01", created_before: "2026-05-01T00:00:00Z" })).toHaveLength(1);
    expect(issues({ created_after: "2026-05-01", created_before: "2026-05-01T00:00:01Z" })).toBeUndefined();
  });
});

describe("deleting an assistant", () => {
  test("removes its sessions, messages and end users, and nothing of the others", async () => {
    const first = await ask("support", "One", "alice");
    await ask("support", "Two", "alice", first.session_id);
    await ask("support", "Three", "bob");
    await createSession(master, "support", { user: "carol" });
    await ask("sales", "Hello", "alice");

    const counts = async (assistantId: string) => {
      const db = getDb();
      return {
        sessions: await db.chatSession.count({ where: { assistantId } }),
        messages: await db.message.count({ where: { assistantId } }),
        endUsers: await db.endUser.count({ where: { assistantId } }),
      };
    };
    expect(await counts("support")).toEqual({ sessions: 3, messages: 6, endUsers: 3 });

    await deleteAssistant(master, "support");

    expect(await counts("support")).toEqual({ sessions: 0, messages: 0, endUsers: 0 });
    expect(await counts("sales")).toEqual({ sessions: 1, messages: 2, endUsers: 1 });
    expect(await getDb().chatSession.count()).toBe(1);
    expect(await getDb().message.count()).toBe(2);
  });
});

describe("what a session list shows", () => {
  const list = (query: ListSessionsQueryInput = {}) =>
    listSessions(master, "support", listSessionsQuerySchema.parse(query));

  test("each session's channel, first question, latest status and tokens; load tests only when asked", async () => {
    const first = await ask("support", "Where is my parcel? ".repeat(20));
    await ask("support", "And the invoice?", undefined, first.session_id);
    const console = await createUserActor("operator");
    const played = await askAssistant(
      console,
      "support",
      { message: "Trying it out", reasoning: false },
      new AbortController().signal,
    );
    const loadtest = await askAssistant(
      master,
      "support",
      { message: "Synthetic", reasoning: false, metadata: { channel: "loadtest" } },
      new AbortController().signal,
    );
    const empty = await createSession(master, "support", {});

    const shown = await list();
    expect(shown.data.map((session) => session.id).sort()).toEqual(
      [first.session_id, played.session_id, empty.id].sort(),
    );
    const byId = new Map(shown.data.map((session) => [session.id, session]));
    expect(byId.get(first.session_id)).toMatchObject({
      channel: "api",
      first_question: "Where is my parcel? ".repeat(20).slice(0, 200),
      last_status: "completed",
      message_count: 4,
    });
    expect(byId.get(played.session_id)).toMatchObject({
      channel: "playground",
      first_question: "Trying it out",
    });
    expect(byId.get(empty.id)).toMatchObject({
      channel: "api",
      first_question: null,
      last_status: null,
      tokens: { prompt: 0, completion: 0 },
    });

    const loadtests = await list({ channel: "loadtest" });
    expect(loadtests.data.map((session) => session.id)).toEqual([loadtest.session_id]);
    expect((await list({ channel: "playground" })).data.map((session) => session.id)).toEqual([
      played.session_id,
    ]);
    // A session's detail says the same.
    const detail = await getSession(master, "support", first.session_id);
    expect(detail).toMatchObject({
      channel: "api",
      last_status: "completed",
      first_question: byId.get(first.session_id)!.first_question,
    });
    expect(detail.tokens).toEqual(byId.get(first.session_id)!.tokens);
  });
});
