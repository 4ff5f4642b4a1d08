// The export of sessions, the erasure of an end user and an assistant's retention setting through
// their route handlers (and the console's erasure procedure), called in-process with the
// credentials a client sends. No backend is registered: the retrieval-only engine answers.
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, test } from "vitest";
import * as assistantRoute from "@/app/admin/assistants/[assistant_id]/route";
import * as assistantsRoute from "@/app/admin/assistants/route";
import * as exportRoute from "@/app/assistants/[assistant_id]/sessions/export/route";
import * as userRoute from "@/app/assistants/[assistant_id]/users/[user]/route";
import { endUserErasedSchema } from "@/server/schemas/session-data";
import { askAssistant } from "@/server/services/runtime/ask-assistant";
import { bearer, createKeyActor, createUserActor, master } from "@/server/test/actors";
import { createChatAssistant } from "@/server/test/chat";
import { rejectionOf } from "@/server/test/rejection";
import { callRoute } from "@/server/test/rest";
import { callerFor } from "@/server/test/trpc";

let runtime: Record<string, string>;
let salesKey: Record<string, string>;
let admin: Record<string, string>;

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
  runtime = bearer((await createKeyActor("runtime", ["support"])).secret);
  salesKey = bearer((await createKeyActor("runtime", ["sales"])).secret);
  admin = bearer((await createKeyActor("admin")).secret);
});

const ask = (assistantId: string, message: string, user?: string) =>
  askAssistant(
    master,
    assistantId,
    { message, reasoning: false, ...(user ? { user } : {}) },
    new AbortController().signal,
  );

async function download(assistantId: string, query: string, headers: Record<string, string>) {
  const response = await exportRoute.GET(
    new Request(`http://localhost/assistants/${assistantId}/sessions/export${query}`, { headers }),
    { params: Promise.resolve({ assistant_id: assistantId }) },
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const erase = (assistantId: string, user: string, headers: Record<string, string>) =>
  callRoute(userRoute.DELETE, {
    method: "DELETE",
    path: `/assistants/${assistantId}/users/${encodeURIComponent(user)}`,
    params: { assistant_id: assistantId, user },
    headers,
  });

describe("GET /assistants/{id}/sessions/export", () => {
  test("CSV with the list's filters, offered as a download, never cached", async () => {
    await ask("support", 'A "quoted", multi\nline question', "alice");
    await ask("support", "Another", "bob");
    const response = await download("support", "?format=csv&user=alice", runtime);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="sessions-support-\d{8}T\d{6}Z\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const rows = parse<Record<string, string>>(response.text, { columns: true });
    expect(rows.map((row) => [row.user, row.role, row.content])).toEqual([
      ["alice", "user", 'A "quoted", multi\nline question'],
      ["alice", "assistant", rows[1]!.content],
    ]);
  });

  test("JSON Lines by default", async () => {
    const { session_id } = await ask("support", "Hi");
    const response = await download("support", "", runtime);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/\.jsonl"$/);
    const lines = response.text.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: session_id, object: "session", messages: [{}, {}] });
  });

  test("a bad format or range is 400; an unknown assistant 404; another's key 403; nobody 401", async () => {
    const code = async (assistantId: string, query: string, headers: Record<string, string>) => {
      const response = await download(assistantId, query, headers);
      return [response.status, (JSON.parse(response.text) as { error: { code: string } }).error.code];
    };
    expect(await code("support", "?format=xml", runtime)).toEqual([400, "INVALID_INPUT"]);
    expect(await code("support", "?created_after=2026-05-02&created_before=2026-05-01", runtime)).toEqual([
      400,
      "INVALID_INPUT",
    ]);
    expect(await code("nobody", "?format=csv", admin)).toEqual([404, "NOT_FOUND"]);
    expect(await code("support", "?format=csv", salesKey)).toEqual([403, "FORBIDDEN"]);
    expect(await code("support", "?format=csv", {})).toEqual([401, "UNAUTHORIZED"]);
  });
});

describe("DELETE /assistants/{id}/users/{user}", () => {
  test("erases the user and answers the counts; a second call is 404", async () => {
    await ask("support", "Hi", "user 1/é");
    await ask("support", "Hi", "bob");
    const erased = await erase("support", "user 1/é", runtime);
    expect(erased.status).toBe(200);
    expect(endUserErasedSchema.parse(erased.json)).toEqual({
      id: "user 1/é",
      object: "end_user.deleted",
      deleted: true,
      sessions: 1,
      messages: 2,
    });
    expect((await erase("support", "user 1/é", runtime)).status).toBe(404);
    expect((await erase("support", "bob", salesKey)).status).toBe(403);
    expect((await erase("nobody", "bob", admin)).status).toBe(404);
    expect((await erase("support", "bob", {})).status).toBe(401);
    expect((await erase("support", "bob", admin)).json).toMatchObject({ id: "bob", sessions: 1 });
  });

  test("the console's procedure: operators may, viewers may not", async () => {
    await ask("support", "Hi", "alice");
    const viewer = callerFor(await createUserActor("viewer"));
    const operator = callerFor(await createUserActor("operator"));
    const input = { assistantId: "support", user: "alice" };
    expect((await rejectionOf<{ code: string }>(viewer.sessions.eraseEndUser(input))).code).toBe("FORBIDDEN");
    expect(await operator.sessions.eraseEndUser(input)).toMatchObject({ sessions: 1, messages: 2 });
    expect((await rejectionOf<{ code: string }>(operator.sessions.eraseEndUser(input))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("an assistant's retention_days", () => {
  test("set on creation, changed and cleared by update; null by default; 1 to 3650", async () => {
    const route = (id: string) => ({ path: `/admin/assistants/${id}`, params: { assistant_id: id } });
    const created = await callRoute(assistantsRoute.POST, {
      path: "/admin/assistants",
      headers: admin,
      body: { id: "kept", retention_days: 90 },
    });
    expect(created.json).toMatchObject({ retention_days: 90 });
    const plain = await callRoute(assistantRoute.GET, { ...route("support"), headers: admin });
    expect(plain.json.retention_days).toBeNull();

    const update = (retention: unknown) =>
      callRoute(assistantRoute.POST, {
        ...route("kept"),
        headers: admin,
        body: { retention_days: retention },
      });
    expect((await update(7)).json).toMatchObject({ retention_days: 7 });
    expect((await update(null)).json).toMatchObject({ retention_days: null });
    for (const bad of [0, 3651, 1.5, "30"]) {
      const refused = await update(bad);
      expect(refused.status).toBe(400);
      expect(refused.json.error.details?.[0]?.path).toBe("body.retention_days");
    }
  });
});
