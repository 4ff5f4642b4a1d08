// The export of an assistant's sessions: JSON Lines holds each session as its detail returns it,
// CSV a row a message with its text quoted whatever it holds; both take the list's filters, walk
// any number of sessions in order, and check the caller before a byte is written. No backend is
// registered, so questions are answered by the retrieval-only engine (stored all the same).
import { parse } from "csv-parse/sync";
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import type { SessionDetailDto } from "../../schemas/chat";
import { exportSessionsQuerySchema, type ExportSessionsQueryInput } from "../../schemas/session-data";
import { createUserActor, keyActor, master } from "../../test/actors";
import { createChatAssistant } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import type { Actor } from "../access/actor";
import { askAssistant } from "../runtime/ask-assistant";
import { createSession } from "./create-session";
import { exportSessions, SESSION_CSV_COLUMNS } from "./export-sessions";
import { getSession } from "./get-session";
import { giveFeedback } from "./give-feedback";

const ask = (assistantId: string, message: string, options: { user?: string; session?: string } = {}) =>
  askAssistant(
    master,
    assistantId,
    {
      message,
      reasoning: false,
      ...(options.user ? { user: options.user } : {}),
      ...(options.session ? { session_id: options.session } : {}),
    },
    new AbortController().signal,
  );

async function download(query: ExportSessionsQueryInput, actor: Actor = master, assistantId = "support") {
  const file = await exportSessions(actor, assistantId, exportSessionsQuerySchema.parse(query));
  let text = "";
  for await (const chunk of file.chunks) text += chunk;
  return { ...file, text };
}

const jsonl = (text: string) =>
  text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as SessionDetailDto);

const csv = (text: string) => parse<Record<string, string>>(text, { columns: true });

async function startedOn(sessionId: string, day: number) {
  await getDb().chatSession.update({
    where: { id: sessionId },
    data: { createdAt: new Date(Date.UTC(2026, 4, day, 12)) },
  });
}

beforeEach(async () => {
  await createChatAssistant("support");
  await createChatAssistant("sales");
});

describe("JSON Lines", () => {
  test("a session a line, newest first, each as its detail returns it", async () => {
    const first = await ask("support", "Where is my parcel?", { user: "alice" });
    await ask("support", "And the invoice?", { session: first.session_id });
    const second = await ask("support", "Opening hours?", { user: "bob" });
    const empty = await createSession(master, "support", {});
    await ask("sales", "Prices?", { user: "alice" });

    const file = await download({ format: "jsonl" });
    expect(file.contentType).toBe("application/x-ndjson; charset=utf-8");
    expect(file.filename).toMatch(/^sessions-support-\d{8}T\d{6}Z\.jsonl$/);
    expect(file.text.endsWith("\n")).toBe(true);
    const lines = jsonl(file.text);
    expect(lines.map((line) => line.id)).toEqual([empty.id, second.session_id, first.session_id]);
    expect(lines[2]).toEqual(await getSession(master, "support", first.session_id));
    expect(lines[2]!.messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    expect(lines[0]!.messages).toEqual([]);
  });

  test("the list's filters: user, start dates, channel (load tests only when asked for)", async () => {
    const may1 = await ask("support", "One", { user: "alice" });
    const may2 = await ask("support", "Two", { user: "bob" });
    const may3 = await ask("support", "Three", { user: "alice" });
    const loadtest = await askAssistant(
      master,
      "support",
      { message: "Synthetic", reasoning: false, metadata: { channel: "loadtest" } },
      new AbortController().signal,
    );
    for (const [session, day] of [
      [may1, 1],
      [may2, 2],
      [may3, 3],
      [loadtest, 2],
    ] as const)
      await startedOn(session.session_id, day);
    const ids = async (query: ExportSessionsQueryInput) =>
      jsonl((await download(query)).text).map((line) => line.id);

    expect(await ids({})).toEqual([may3.session_id, may2.session_id, may1.session_id]);
    expect(await ids({ user: "alice" })).toEqual([may3.session_id, may1.session_id]);
    expect(await ids({ created_after: "2026-05-02", created_before: "2026-05-03" })).toEqual([
      may2.session_id,
    ]);
    expect(await ids({ user: "alice", created_before: "2026-05-02" })).toEqual([may1.session_id]);
    expect(await ids({ channel: "loadtest" })).toEqual([loadtest.session_id]);
    expect(await ids({ user: "nobody" })).toEqual([]);
  });

  test("walks more sessions than one batch, in order, none twice, even when they started together", async () => {
    const db = getDb();
    const started = new Date(Date.UTC(2026, 4, 1, 12));
    await db.chatSession.createMany({
      data: Array.from({ length: 120 }, (_, index) => ({
        id: `sess_${String(index).padStart(4, "0")}`,
        assistantId: "support",
        // Forty share each instant: the walk goes on by id.
        createdAt: new Date(started.getTime() + Math.floor(index / 40) * 1000),
      })),
    });
    const ids = jsonl((await download({})).text).map((line) => line.id);
    const expected = Array.from(
      { length: 120 },
      (_, index) => `sess_${String(119 - index).padStart(4, "0")}`,
    );
    expect(ids).toEqual(expected);
  });
});

describe("CSV", () => {
  test("a row a message, text with commas, quotes and line breaks read back intact", async () => {
    const tricky = 'He said "hello, world",\nthen left; 50% off\r\nfor "all"';
    const answered = await ask("support", tricky, { user: 'carol, the "first"' });
    const file = await download({ format: "csv" });
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.filename).toMatch(/^sessions-support-\d{8}T\d{6}Z\.csv$/);
    expect(file.text.split("\n")[0]).toBe(SESSION_CSV_COLUMNS.join(","));

    const rows = csv(file.text);
    expect(rows).toHaveLength(2);
    const [question, answer] = rows;
    expect(question).toMatchObject({
      session_id: answered.session_id,
      assistant_id: "support",
      user: 'carol, the "first"',
      channel: "api",
      role: "user",
      content: tricky,
      status: "completed",
    });
    const detail = await getSession(master, "support", answered.session_id);
    const stored = detail.messages[1]!;
    expect(answer).toMatchObject({
      message_id: stored.id,
      created_at: stored.created_at,
      session_created_at: detail.created_at,
      role: "assistant",
      content: stored.content,
      status: stored.status,
      model: stored.model ?? "",
      prompt_tokens: String(stored.usage?.prompt_tokens ?? ""),
      completion_tokens: String(stored.usage?.completion_tokens ?? ""),
      rag_decision: stored.rag?.decision ?? "",
      feedback_rating: "",
      feedback_comment: "",
    });
  });

  test("an answer's rating and comment; text a spreadsheet would run as a formula is neutralized", async () => {
    const answered = await ask("support", '=HYPERLINK("http://evil.example")');
    await giveFeedback(
      master,
      { assistantId: "support", sessionId: answered.session_id, messageId: answered.message_id },
      { rating: "down", comment: '-wrong, "very"' },
    );
    const [question, answer] = csv((await download({ format: "csv" })).text);
    expect(question!.content).toBe('\'=HYPERLINK("http://evil.example")');
    expect(answer).toMatchObject({ feedback_rating: "down", feedback_comment: '\'-wrong, "very"' });
  });

  test("nothing to export is the header alone; sessions without messages make no row", async () => {
    expect((await download({ format: "csv" })).text).toBe(`${SESSION_CSV_COLUMNS.join(",")}\n`);
    await createSession(master, "support", { user: "dave" });
    await ask("support", "Hi");
    const rows = csv((await download({ format: "csv" })).text);
    expect(rows.map((row) => row.role)).toEqual(["user", "assistant"]);
  });
});

describe("who may export", () => {
  test("like the list: readers of the assistant; the check comes before any byte", async () => {
    await ask("support", "Hi");
    const viewer = await createUserActor("viewer");
    expect(jsonl((await download({}, viewer)).text)).toHaveLength(1);
    expect(jsonl((await download({}, keyActor("runtime", ["support"]))).text)).toHaveLength(1);
    const refused = async (actor: Actor, assistantId = "support") =>
      (await rejectionOf<AppError>(exportSessions(actor, assistantId, exportSessionsQuerySchema.parse({}))))
        .code;
    expect(await refused(keyActor("runtime", ["sales"]))).toBe("FORBIDDEN");
    expect(await refused({ kind: "anonymous" })).toBe("UNAUTHORIZED");
    expect(await refused(master, "nobody")).toBe("NOT_FOUND");
  });

  test("another assistant's sessions are never in the file", async () => {
    await ask("sales", "Prices?", { user: "alice" });
    expect((await download({})).text).toBe("");
    expect(jsonl((await download({}, master, "sales")).text)).toHaveLength(1);
  });

  test("a bad format, or a range that ends before it starts, is refused by the schema", () => {
    const issues = (query: Record<string, string>) =>
      exportSessionsQuerySchema.safeParse(query).error?.issues.map((issue) => issue.path.join("."));
    expect(issues({ format: "xml" })).toEqual(["format"]);
    expect(issues({ created_after: "2026-05-02", created_before: "2026-05-01" })).toEqual(["created_before"]);
    expect(issues({ limit: "5" })).toEqual([""]);
    expect(exportSessionsQuerySchema.parse({}).format).toBe("jsonl");
  });
});
