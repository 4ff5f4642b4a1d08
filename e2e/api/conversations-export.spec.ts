// Conversations as data: the export of an assistant's sessions (JSON Lines and CSV, with the list's
// filters, as a download) beside the session detail's route, and the erasure of one end user (a
// privacy request), through the production server.
import type { APIRequestContext } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { bearer, expect, expectApiError, test } from "../fixtures";
import {
  createAssistant,
  createRuntimeKey,
  type AskResponse,
  type SessionDetail,
} from "../support/runtime-api";

const CSV_COLUMNS = [
  "session_id",
  "assistant_id",
  "user",
  "channel",
  "session_created_at",
  "message_id",
  "created_at",
  "role",
  "content",
  "status",
  "model",
  "prompt_tokens",
  "completion_tokens",
  "rag_decision",
  "feedback_rating",
  "feedback_comment",
];

function client(request: APIRequestContext, key: string) {
  const headers = bearer(key);
  return {
    ask: async (assistantId: string, data: object) => {
      const response = await request.post(`/assistants/${assistantId}/ask`, { headers, data });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as AskResponse;
    },
    export: (assistantId: string, params: Record<string, string> = {}) =>
      request.get(`/assistants/${assistantId}/sessions/export`, { headers, params }),
    detail: (assistantId: string, sessionId: string) =>
      request.get(`/assistants/${assistantId}/sessions/${sessionId}`, { headers }),
    erase: (assistantId: string, user: string) =>
      request.delete(`/assistants/${assistantId}/users/${encodeURIComponent(user)}`, { headers }),
    users: (assistantId: string) => request.get(`/assistants/${assistantId}/users`, { headers }),
  };
}

test.describe("GET /assistants/{id}/sessions/export", () => {
  test("JSON Lines: a session a line, as its detail; the detail's route still serves session ids", async ({
    api,
    request,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("export"));
    const runtime = client(request, await createRuntimeKey(api, [id]));
    const first = await runtime.ask(id, { message: "Where is my parcel?", user: "alice" });
    await runtime.ask(id, { message: "And the invoice?", session_id: first.session_id });
    const second = await runtime.ask(id, { message: "Opening hours?", user: "bob" });

    const response = await runtime.export(id);
    expect(response.status(), await response.text()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(
      new RegExp(`^attachment; filename="sessions-${id}-\\d{8}T\\d{6}Z\\.jsonl"$`),
    );
    expect(response.headers()["cache-control"]).toBe("no-store");
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as SessionDetail);
    expect(lines.map((line) => line.id)).toEqual([second.session_id, first.session_id]);
    const detail = await runtime.detail(id, first.session_id);
    expect(detail.status()).toBe(200);
    expect(lines[1]).toEqual(await detail.json());

    const alice = await runtime.export(id, { user: "alice" });
    expect((await alice.text()).trim().split("\n")).toHaveLength(1);
  });

  test("CSV: a row a message, text with commas, quotes and line breaks intact", async ({
    api,
    request,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("csv"));
    const runtime = client(request, await createRuntimeKey(api, [id]));
    const question = 'Two items, "red" and "blue",\nplease; =1+1 for later';
    const answer = await runtime.ask(id, { message: question, user: "carol, c." });

    const response = await runtime.export(id, { format: "csv" });
    expect(response.status(), await response.text()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(/\.csv"$/);
    const text = await response.text();
    expect(text.split("\n")[0]).toBe(CSV_COLUMNS.join(","));
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      session_id: answer.session_id,
      assistant_id: id,
      user: "carol, c.",
      channel: "api",
      role: "user",
      content: question,
      status: "completed",
    });
    expect(rows[1]).toMatchObject({
      message_id: answer.message_id,
      role: "assistant",
      content: answer.answer,
      model: answer.model,
      prompt_tokens: String(answer.usage.prompt_tokens),
      completion_tokens: String(answer.usage.completion_tokens),
      rag_decision: answer.rag.decision,
    });
  });

  test("400 for a bad format or range, 401 without a key, 403 for another assistant's, 404 unknown", async ({
    api,
    request,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("exp-err"));
    const other = await createAssistant(api, uniqueId("exp-other"));
    const runtime = client(request, await createRuntimeKey(api, [id]));
    await expectApiError(await runtime.export(id, { format: "xml" }), 400, "INVALID_INPUT");
    await expectApiError(
      await runtime.export(id, { created_after: "2026-05-02", created_before: "2026-05-01" }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(await request.get(`/assistants/${id}/sessions/export`), 401, "UNAUTHORIZED");
    await expectApiError(await runtime.export(other), 403, "FORBIDDEN");
    await expectApiError(await api.get(`/assistants/${uniqueId("ghost")}/sessions/export`), 404, "NOT_FOUND");
    // The export path takes only GET; the session's routes are untouched beside it.
    const deleted = await request.delete(`/assistants/${id}/sessions/export`, { headers: bearer("x") });
    expect(deleted.status()).toBe(405);
  });
});

test.describe("DELETE /assistants/{id}/users/{user}", () => {
  test("erases only that end user's sessions and messages, with counts; again is 404", async ({
    api,
    request,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("erase"));
    const other = await createAssistant(api, uniqueId("erase-other"));
    const runtime = client(request, await createRuntimeKey(api, [id, other]));
    const user = "alice@example.com/1";
    const first = await runtime.ask(id, { message: "One", user });
    await runtime.ask(id, { message: "Two", user, session_id: first.session_id });
    await runtime.ask(id, { message: "Three", user });
    const bob = await runtime.ask(id, { message: "Hello", user: "bob" });
    await runtime.ask(other, { message: "Elsewhere", user });

    const response = await runtime.erase(id, user);
    expect(response.status(), await response.text()).toBe(200);
    expect(await response.json()).toEqual({
      id: user,
      object: "end_user.deleted",
      deleted: true,
      sessions: 2,
      messages: 6,
    });
    await expectApiError(await runtime.detail(id, first.session_id), 404, "NOT_FOUND");
    expect((await runtime.detail(id, bob.session_id)).status()).toBe(200);
    const users = (await (await runtime.users(id)).json()) as { data: { id: string }[] };
    expect(users.data.map((endUser) => endUser.id)).toEqual(["bob"]);
    const exported = await (await runtime.export(other, { user })).text();
    expect(exported.trim().split("\n")).toHaveLength(1);

    await expectApiError(await runtime.erase(id, user), 404, "NOT_FOUND");
    const audit = await api.get("/admin/audit", { params: { action: "end_user.delete" } });
    const events = (await audit.json()) as { data: { target_id: string }[] };
    expect(events.data.map((event) => event.target_id)).toContain(user);
  });

  test("401 without a key, 403 for another assistant's key, 404 for an unknown assistant", async ({
    api,
    request,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("erase-auth"));
    const other = await createAssistant(api, uniqueId("erase-auth-other"));
    await client(request, await createRuntimeKey(api, [id])).ask(id, { message: "Hi", user: "dave" });
    const outsider = client(request, await createRuntimeKey(api, [other]));
    await expectApiError(await request.delete(`/assistants/${id}/users/dave`), 401, "UNAUTHORIZED");
    await expectApiError(await outsider.erase(id, "dave"), 403, "FORBIDDEN");
    await expectApiError(await api.delete(`/assistants/${uniqueId("ghost")}/users/dave`), 404, "NOT_FOUND");
    expect((await api.delete(`/assistants/${id}/users/dave`)).status()).toBe(200);
  });
});
