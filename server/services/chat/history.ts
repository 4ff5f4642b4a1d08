// Conversation history for the prompt, within a token budget counted with the o200k tokenizer
// (GPT-OSS's family): the newest turns are kept, the oldest dropped first, and a turn is either
// whole or absent, never cut mid-message.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import type { Database } from "../../db/client";
import type { ChatTurn } from "../gateway/engines/engine";

// Per-message framing tokens in chat templates (role markers and separators), an upper bound.
const FRAMING_TOKENS = 4;
const MAX_TURNS_LOADED = 200;

export function tokensOf(text: string): number {
  return countTokens(text) + FRAMING_TOKENS;
}

/** Keeps the newest turns that fit in `budget` tokens, in chronological order. */
export function fitHistory(turns: ChatTurn[], budget: number): ChatTurn[] {
  const kept: ChatTurn[] = [];
  let used = 0;
  for (let index = turns.length - 1; index >= 0; index--) {
    const turn = turns[index]!;
    const cost = tokensOf(turn.content);
    if (used + cost > budget) break;
    used += cost;
    kept.push(turn);
  }
  return kept.reverse();
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
    select: { role: true, content: true },
  });
  return fitHistory(
    rows.reverse().map((row) => ({ role: row.role, content: row.content })),
    budget,
  );
}
