// What a list of sessions shows of each beyond its own row: the first question, how the latest
// answer ended, and the tokens over its answers. One statement for a whole page, each figure read
// through the (sessionId, createdAt) index.
import { getDb, Prisma, type Message } from "../../db/client";

export interface SessionSummary {
  firstQuestion: string | null;
  lastStatus: Message["status"] | null;
  promptTokens: number;
  completionTokens: number;
}

export const EMPTY_SUMMARY: SessionSummary = {
  firstQuestion: null,
  lastStatus: null,
  promptTokens: 0,
  completionTokens: 0,
};

/** A question is shown by its first 200 characters. */
const QUESTION_CHARS = 200;

export async function sessionSummaries(ids: readonly string[]): Promise<Map<string, SessionSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().$queryRaw<
    {
      id: string;
      first_question: string | null;
      last_status: Message["status"] | null;
      prompt: number;
      completion: number;
    }[]
  >(Prisma.sql`
    SELECT s.id,
      (SELECT left(m.content, ${QUESTION_CHARS}) FROM "Message" m
        WHERE m."sessionId" = s.id AND m.role = 'user' ORDER BY m."createdAt" ASC LIMIT 1) AS first_question,
      (SELECT m.status::text FROM "Message" m
        WHERE m."sessionId" = s.id AND m.role = 'assistant' ORDER BY m."createdAt" DESC LIMIT 1) AS last_status,
      (SELECT coalesce(sum(m."promptTokens"), 0)::int FROM "Message" m WHERE m."sessionId" = s.id) AS prompt,
      (SELECT coalesce(sum(m."completionTokens"), 0)::int FROM "Message" m WHERE m."sessionId" = s.id) AS completion
    FROM unnest(${[...ids]}::text[]) AS s(id)`);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        firstQuestion: row.first_question,
        lastStatus: row.last_status,
        promptTokens: row.prompt,
        completionTokens: row.completion,
      },
    ]),
  );
}

/** The same figures from a session's messages already read (a session's detail). */
export function summaryOf(messages: readonly Message[]): SessionSummary {
  const first = messages.find((message) => message.role === "user");
  const last = messages.findLast((message) => message.role === "assistant");
  const sum = (pick: (message: Message) => number | null) =>
    messages.reduce((total, message) => total + (pick(message) ?? 0), 0);
  return {
    firstQuestion: first ? first.content.slice(0, QUESTION_CHARS) : null,
    lastStatus: last?.status ?? null,
    promptTokens: sum((message) => message.promptTokens),
    completionTokens: sum((message) => message.completionTokens),
  };
}
