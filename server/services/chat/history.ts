// Conversation history for the prompt, within a token budget counted with the o200k tokenizer
// (GPT-OSS's family): the newest turns are kept, the oldest dropped first, and a turn is either
// whole or absent, never cut mid-message.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type { Database } from "../../db/client";
import type { ChatTurn, ToolCall } from "../gateway/engines/engine";

// Per-message framing tokens in chat templates (role markers and separators), an upper bound.
const FRAMING_TOKENS = 4;
const MAX_TURNS_LOADED = 200;

export function tokensOf(text: string): number {
  return countTokens(text) + FRAMING_TOKENS;
}

/** What a turn costs in the prompt: its text, and the calls it made. */
function turnTokens(turn: ChatTurn): number {
  const calls = turn.role === "assistant" ? (turn.tool_calls ?? []) : [];
  return tokensOf(turn.content) + calls.reduce((sum, call) => sum + countTokens(JSON.stringify(call)), 0);
}

/**
 * Keeps the newest turns that fit in `budget` tokens, in chronological order. Tool results whose
 * call did not fit go too: a result without the call it answers is not a valid conversation.
 */
export function fitHistory(turns: ChatTurn[], budget: number): ChatTurn[] {
  const kept: ChatTurn[] = [];
  let used = 0;
  for (let index = turns.length - 1; index >= 0; index--) {
    const turn = turns[index]!;
    const cost = turnTokens(turn);
    if (used + cost > budget) break;
    used += cost;
    kept.push(turn);
  }
  while (kept.at(-1)?.role === "tool") kept.pop();
  return kept.reverse();
}

interface StoredTurn {
  role: "user" | "assistant";
  content: string;
  toolCalls: unknown;
  toolResults: unknown;
}

/**
 * A stored message as prompt turns: an answer with the functions it called, and a question that
 * sent tool results back as those results (one `tool` turn each), else its text.
 */
export function turnsOf(row: StoredTurn): ChatTurn[] {
  if (row.role === "assistant") {
    const calls = (row.toolCalls as ToolCall[] | null) ?? [];
    return [{ role: "assistant", content: row.content, ...(calls.length > 0 && { tool_calls: calls }) }];
  }
  const results = (row.toolResults as { tool_call_id: string; content: string }[] | null) ?? [];
  if (results.length === 0) return [{ role: "user", content: row.content }];
  return results.map((result) => ({
    role: "tool",
    tool_call_id: result.tool_call_id,
    content: result.content,
  }));
}

/** The session's completed turns before `before`, fitted to the budget. */
export async function loadHistory(
  db: Pick<Database, "message">,
  sessionId: string,
  before: Date,
  budget: number,
): Promise<ChatTurn[]> {
  if (budget <= 0) return [];
  const rows = await db.message.findMany({
    where: { sessionId, status: "completed", createdAt: { lt: before } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_TURNS_LOADED,
    select: { role: true, content: true, toolCalls: true, toolResults: true },
  });
  return fitHistory(rows.reverse().flatMap(turnsOf), budget);
}
