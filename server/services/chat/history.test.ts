// The conversation history that goes into the prompt: newest turns first, within the token budget,
// whole messages only; and, from the database, only the session's completed turns.
import { describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { createChatAssistant } from "../../test/chat";
import type { ChatTurn } from "../gateway/engines/engine";
import { fitHistory, loadHistory, tokensOf } from "./history";

const turns: ChatTurn[] = [
  { role: "user", content: "first question about the weather in Paris" },
  { role: "assistant", content: "first answer: it is sunny and warm today" },
  { role: "user", content: "second question" },
  { role: "assistant", content: "second answer" },
];
const cost = (list: ChatTurn[]) => list.reduce((sum, turn) => sum + tokensOf(turn.content), 0);

describe("fitHistory", () => {
  test("keeps everything that fits, in order", () => {
    expect(fitHistory(turns, cost(turns))).toEqual(turns);
    expect(fitHistory(turns, 100_000)).toEqual(turns);
  });

  test("drops the oldest turns first", () => {
    expect(fitHistory(turns, cost(turns.slice(1)))).toEqual(turns.slice(1));
    expect(fitHistory(turns, cost(turns.slice(2)))).toEqual(turns.slice(2));
  });

  test("keeps whole messages only: a turn that does not fit is left out, not cut", () => {
    const budget = cost(turns.slice(2)) + tokensOf(turns[1]!.content) - 1;
    const kept = fitHistory(turns, budget);
    expect(kept).toEqual(turns.slice(2));
    for (const turn of kept) expect(turns).toContainEqual(turn);
  });

  test("stops at the first turn that does not fit, even if an older one would", () => {
    const history: ChatTurn[] = [
      { role: "user", content: "hi" },
      { role: "assistant", content: "a much longer answer ".repeat(50) },
      { role: "user", content: "ok" },
    ];
    expect(fitHistory(history, cost([history[0]!, history[2]!]))).toEqual([history[2]]);
  });

  test("a budget smaller than the newest turn keeps nothing", () => {
    expect(fitHistory(turns, 0)).toEqual([]);
    expect(fitHistory(turns, tokensOf(turns[3]!.content) - 1)).toEqual([]);
    expect(fitHistory([], 1_000)).toEqual([]);
  });

  test("counts framing tokens per message", () => {
    expect(tokensOf("")).toBeGreaterThan(0);
    expect(tokensOf("hello world")).toBeGreaterThan(tokensOf("hello"));
  });
});

describe("loadHistory", () => {
  async function seedSession() {
    await createChatAssistant("support");
    const db = getDb();
    await db.chatSession.create({ data: { id: "sess_h", assistantId: "support" } });
    const at = (ms: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, 0, ms));
    const message = (
      id: string,
      role: "user" | "assistant",
      content: string,
      ms: number,
      status = "completed",
    ) => ({
      id,
      sessionId: "sess_h",
      assistantId: "support",
      role,
      content,
      status: status as "completed",
      createdAt: at(ms),
    });
    await db.message.createMany({
      data: [
        message("m1", "user", "one", 0),
        message("m2", "assistant", "answer one", 1),
        message("m3", "user", "two", 10),
        message("m4", "assistant", "broken", 11, "failed"),
        message("m5", "user", "three", 20),
        message("m6", "assistant", "", 21, "in_progress"),
      ],
    });
    return at;
  }

  test("loads the completed turns before the given time, oldest first", async () => {
    const at = await seedSession();
    expect(await loadHistory(getDb(), "sess_h", at(20), 10_000)).toEqual([
      { role: "user", content: "one" },
      { role: "assistant", content: "answer one" },
      { role: "user", content: "two" },
    ]);
  });

  test("fits the turns to the budget; a zero budget loads nothing", async () => {
    const at = await seedSession();
    const budget = tokensOf("three") + tokensOf("two") + tokensOf("answer one");
    expect(await loadHistory(getDb(), "sess_h", at(100), budget)).toEqual([
      { role: "assistant", content: "answer one" },
      { role: "user", content: "two" },
      { role: "user", content: "three" },
    ]);
    expect(await loadHistory(getDb(), "sess_h", at(100), 0)).toEqual([]);
  });
});

describe("tool calls in the history", () => {
  const call = {
    id: "call_1",
    type: "function" as const,
    function: { name: "get_weather", arguments: "{}" },
  };
  const loop: ChatTurn[] = [
    { role: "user", content: "Weather?" },
    { role: "assistant", content: "", tool_calls: [call] },
    { role: "tool", tool_call_id: "call_1", content: "sunny" },
    { role: "assistant", content: "It is sunny." },
  ];

  test("an answer's calls and a question's tool results come back as the turns they were", async () => {
    await createChatAssistant("support");
    const db = getDb();
    await db.chatSession.create({ data: { id: "sess_t", assistantId: "support" } });
    const at = (ms: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, 0, ms));
    const base = { sessionId: "sess_t", assistantId: "support", status: "completed" as const };
    await db.message.createMany({
      data: [
        { ...base, id: "t1", role: "user", content: "Weather?", createdAt: at(0) },
        { ...base, id: "t2", role: "assistant", content: "", toolCalls: [call], createdAt: at(1) },
        {
          ...base,
          id: "t3",
          role: "user",
          content: "Result of get_weather (call_1): sunny",
          toolResults: [{ tool_call_id: "call_1", content: "sunny" }],
          createdAt: at(10),
        },
        { ...base, id: "t4", role: "assistant", content: "It is sunny.", createdAt: at(11) },
      ],
    });
    expect(await loadHistory(db, "sess_t", at(100), 10_000)).toEqual(loop);
  });

  test("a tool result whose call did not fit is left out with it", () => {
    const resultAndAnswer = loop.slice(2);
    const budget = resultAndAnswer.reduce((sum, turn) => sum + tokensOf(turn.content), 0);
    expect(fitHistory(loop, budget)).toEqual([loop[3]]);
  });
});
