// Full-text search over conversations, on both databases: stemming and web-search syntax, the
// snippet's marks, each filter, paging, load tests left out, and who may search what.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import {
  searchConversationsQuerySchema,
  type SearchConversationsQueryInput,
} from "../../schemas/conversation-search";
import { createUserActor, keyActor, master } from "../../test/actors";
import { createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import type { Actor } from "../access/actor";
import { askAssistant } from "../runtime/ask-assistant";
import { giveFeedback } from "./give-feedback";
import { searchConversations } from "./search-conversations";

const ask = (assistantId: string, message: string, extra: { user?: string; channel?: string } = {}) =>
  askAssistant(
    master,
    assistantId,
    {
      message,
      reasoning: false,
      ...(extra.user ? { user: extra.user } : {}),
      ...(extra.channel ? { metadata: { channel: extra.channel } } : {}),
    },
    new AbortController().signal,
  );

const search = (query: SearchConversationsQueryInput, actor: Actor = master) =>
  searchConversations(actor, searchConversationsQuerySchema.parse(query));

const marked = (hit: { snippet: string; highlights: Array<{ start: number; end: number }> }) =>
  hit.highlights.map(({ start, end }) => hit.snippet.slice(start, end));

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

describe("searchConversations", () => {
  test("finds questions by their words, stemmed, across assistants, newest first, with marked snippets", async () => {
    const refund = await ask("support", "How do I get a refund for a broken kettle?", { user: "alice" });
    const refunds = await ask("sales", "Are refunds possible after thirty days?");
    await ask("support", "Where is my parcel?");

    const found = await search({ q: "refunds", role: "user" });
    expect(found.total).toBe(2);
    expect(found.data.map((hit) => hit.session_id)).toEqual([refunds.session_id, refund.session_id]);
    expect(found.data[0]).toMatchObject({
      object: "conversation.hit",
      assistant_id: "sales",
      role: "user",
      status: "completed",
      channel: "api",
      user: null,
      feedback: null,
    });
    expect(found.data[1]).toMatchObject({ assistant_id: "support", user: "alice" });
    expect(found.data[1]!.snippet).toContain("broken kettle");
    expect(marked(found.data[1]!)).toEqual(["refund"]);
    expect(marked(found.data[0]!)).toEqual(["refunds"]);

    // Web-search syntax: every word required, a phrase, an exclusion.
    expect((await search({ q: "refund kettle", role: "user" })).total).toBe(1);
    expect((await search({ q: '"thirty days"', role: "user" })).total).toBe(1);
    expect((await search({ q: "refund -kettle", role: "user" })).data.map((hit) => hit.assistant_id)).toEqual(
      ["sales"],
    );
    expect((await search({ q: "umbrella" })).total).toBe(0);
  });

  test("each filter narrows the hits; load tests only when asked for", async () => {
    const alice = await ask("support", "Invoice question from Alice", { user: "alice" });
    await ask("support", "Invoice question from Bob", { user: "bob" });
    await ask("sales", "Invoice question for sales");
    const loadtest = await ask("support", "Invoice question, synthetic", { channel: "loadtest" });
    const q = "invoice";

    expect((await search({ q, role: "user" })).total).toBe(3);
    expect((await search({ q, role: "user", assistant_id: "sales" })).total).toBe(1);
    expect((await search({ q, user: "alice" })).data.map((hit) => hit.session_id)).toEqual([
      alice.session_id,
    ]);
    const loadtests = await search({ q, channel: "loadtest", role: "user" });
    expect(loadtests.data.map((hit) => hit.session_id)).toEqual([loadtest.session_id]);
    expect((await search({ q, channel: "widget" })).total).toBe(0);
    expect((await search({ q, status: "failed" })).total).toBe(0);
    expect((await search({ q, created_after: "2999-01-01" })).total).toBe(0);
    expect((await search({ q, created_before: "2000-01-01" })).total).toBe(0);

    // Answers are found and filtered by their rating (this answer's words set here: no model runs).
    const answer = await getDb().message.findFirstOrThrow({
      where: { sessionId: alice.session_id, role: "assistant" },
    });
    await getDb().message.update({
      where: { id: answer.id },
      data: { content: "Your invoice is attached." },
    });
    await giveFeedback(
      master,
      { assistantId: "support", sessionId: alice.session_id, messageId: answer.id },
      { rating: "down" },
    );
    const down = await search({ q, feedback: "down" });
    expect(down.data.map((hit) => hit.message_id)).toEqual([answer.id]);
    expect(down.data[0]).toMatchObject({
      role: "assistant",
      feedback: "down",
      snippet: "Your invoice is attached.",
    });
    expect((await search({ q, feedback: "up" })).total).toBe(0);
    expect((await search({ q, role: "assistant" })).data.map((hit) => hit.message_id)).toContain(answer.id);
  });

  test("pages newest first with limit and cursor; a cursor of nothing is INVALID_INPUT", async () => {
    for (const n of [1, 2, 3, 4, 5]) await ask("support", `Warranty question number ${n}`);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const found = await search({ q: "warranty", role: "user", limit: 2, ...(cursor ? { cursor } : {}) });
      expect(found.total).toBe(5);
      seen.push(...found.data.map((hit) => hit.snippet));
      if (!found.next_cursor) break;
      cursor = found.next_cursor;
    }
    expect(seen).toEqual([5, 4, 3, 2, 1].map((n) => `Warranty question number ${n}`));
    const bad = await rejectionOf<AppError>(search({ q: "warranty", cursor: "msg_nothing" }));
    expect(bad.code).toBe("INVALID_INPUT");
  });

  test("a message cannot forge a mark, and punctuation-only queries find nothing without an error", async () => {
    await ask("support", "Fake \u0002mark\u0003 inside a question about shipping");
    const found = await search({ q: "shipping", role: "user" });
    expect(found.data[0]!.snippet).not.toMatch(/[\u0002\u0003]/);
    expect(marked(found.data[0]!)).toEqual(["shipping"]);
    expect((await search({ q: "&&& !!! ((" })).total).toBe(0);

    // A long message is shown by the passage around its match, not whole.
    const filler = "Some words about nothing in particular. ".repeat(30);
    await ask("support", `${filler}Now the real point: my subscription renewal failed. ${filler}`);
    const [long] = (await search({ q: "renewal", role: "user" })).data;
    expect(long!.snippet.length).toBeLessThan(400);
    expect(long!.snippet).toContain("subscription renewal failed");
    expect(marked(long!)).toEqual(["renewal"]);
  });

  test("the query is required; who may search: admins and console users, never runtime keys", async () => {
    expect(() => searchConversationsQuerySchema.parse({ q: "   " })).toThrow();
    expect(() => searchConversationsQuerySchema.parse({ q: "x".repeat(201) })).toThrow();
    await ask("support", "Password reset please");
    await ask("sales", "Password reset for sales");

    const viewer = await createUserActor("viewer");
    expect((await search({ q: "password", role: "user" }, viewer)).total).toBe(2);
    expect((await search({ q: "password", role: "user" }, keyActor("admin"))).total).toBe(2);
    for (const runtime of [keyActor("runtime", []), keyActor("runtime", ["support"])]) {
      expect((await rejectionOf<AppError>(search({ q: "password" }, runtime))).code).toBe("FORBIDDEN");
      const own = search({ q: "password", assistant_id: "support" }, runtime);
      expect((await rejectionOf<AppError>(own)).code).toBe("FORBIDDEN");
    }
    expect((await rejectionOf<AppError>(search({ q: "password", assistant_id: "nope" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
