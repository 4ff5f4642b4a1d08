// GET /admin/conversations/search against the real server and database: a word asked in one
// assistant's conversation is found by its stem with a marked snippet, filters narrow it, pages
// follow the cursor, bad input and wrong callers get the documented errors.
import { bearer, expect, expectApiError, test } from "../fixtures";
import { createAssistant, createRuntimeKey, type AskResponse } from "../support/runtime-api";

interface Hit {
  object: string;
  message_id: string;
  session_id: string;
  assistant_id: string;
  role: string;
  status: string;
  channel: string;
  user: string | null;
  feedback: string | null;
  snippet: string;
  highlights: Array<{ start: number; end: number }>;
  created_at: string;
}
interface HitList {
  object: "list";
  data: Hit[];
  total: number;
  next_cursor: string | null;
}

test("finds a question by a word's stem across assistants, filtered and paged", async ({ api, uniqueId }) => {
  const support = await createAssistant(api, uniqueId("search"));
  const sales = await createAssistant(api, uniqueId("search"));
  // A word no other test writes, so the counts are this test's own.
  const word = `zephyr${Date.now().toString(36)}`;
  const ask = async (assistant: string, message: string, user?: string) => {
    const response = await api.post(`/assistants/${assistant}/ask`, {
      data: { message, ...(user ? { user } : {}) },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as AskResponse;
  };
  const first = await ask(support, `Is the ${word} kettle covered by the warranty?`, "alice");
  await ask(sales, `Do you sell the ${word} kettle?`);
  await ask(support, `Where is my ${word} parcel?`);
  const search = async (params: Record<string, string | number>) => {
    const response = await api.get("/admin/conversations/search", { params });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as HitList;
  };

  const found = await search({ q: `${word} kettles`, role: "user" });
  expect(found.total).toBe(2);
  expect(found.data.map((hit) => hit.assistant_id)).toEqual([sales, support]);
  const hit = found.data[1]!;
  expect(hit).toMatchObject({
    object: "conversation.hit",
    session_id: first.session_id,
    role: "user",
    status: "completed",
    channel: "api",
    user: "alice",
    feedback: null,
    snippet: `Is the ${word} kettle covered by the warranty?`,
  });
  expect(hit.highlights.map(({ start, end }) => hit.snippet.slice(start, end))).toEqual([word, "kettle"]);

  expect((await search({ q: word, role: "user", assistant_id: support })).total).toBe(2);
  expect((await search({ q: word, role: "user", user: "alice" })).data.map((h) => h.session_id)).toEqual([
    first.session_id,
  ]);
  expect((await search({ q: `${word} -parcel`, role: "user", assistant_id: support })).total).toBe(1);
  expect((await search({ q: word, channel: "widget" })).total).toBe(0);

  const pageOne = await search({ q: word, role: "user", limit: 2 });
  expect(pageOne.data).toHaveLength(2);
  expect(pageOne.next_cursor).toBeTruthy();
  const pageTwo = await search({ q: word, role: "user", limit: 2, cursor: pageOne.next_cursor! });
  expect(pageTwo.data.map((h) => h.session_id)).toEqual([first.session_id]);
  expect(pageTwo.next_cursor).toBeNull();
});

test("bad input is INVALID_INPUT naming the field; callers are checked", async ({
  api,
  request,
  uniqueId,
}) => {
  const bad = async (params: Record<string, string>) =>
    expectApiError(await api.get("/admin/conversations/search", { params }), 400, "INVALID_INPUT");
  expect(JSON.stringify((await bad({})).error)).toContain("q");
  await bad({ q: "   " });
  await bad({ q: "x".repeat(201) });
  await bad({ q: "x", channel: "fax" });
  await bad({ q: "x", created_after: "yesterday" });
  await bad({ q: "x", cursor: "msg_nothing" });
  await bad({ q: "x", surprise: "1" });
  await expectApiError(
    await api.get("/admin/conversations/search", { params: { q: "x", assistant_id: uniqueId("none") } }),
    404,
    "NOT_FOUND",
  );

  await expectApiError(await request.get("/admin/conversations/search?q=x"), 401, "UNAUTHORIZED");
  const mine = await createAssistant(api, uniqueId("search"));
  const scoped = await createRuntimeKey(api, [mine]);
  await expectApiError(
    await request.get("/admin/conversations/search?q=x", { headers: bearer(scoped) }),
    403,
    "FORBIDDEN",
  );
  await expectApiError(
    await request.get(`/admin/conversations/search?q=x&assistant_id=${mine}`, { headers: bearer(scoped) }),
    403,
    "FORBIDDEN",
  );
});
