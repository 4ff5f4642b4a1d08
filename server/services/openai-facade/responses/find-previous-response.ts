// The response a request continues (`previous_response_id`): its answer message, checked to be the
// same assistant's, stored, and the latest completed answer of its session, since continuing means
// adding to that session (Hearth's conversations do not branch). One statement on the pool, like
// the other reads of the per-question path (see persist-exchange.ts on Prisma's cost there).
import { getPool } from "../../../db/client";
import { AppError, notFound } from "../../../errors";
import type { ToolCall } from "../../gateway/engines/engine";
import { isStored, messageIdOf, responseIdOf, visibleMetadata } from "./stored-response";

export interface PreviousResponse {
  id: string;
  sessionId: string;
  /** The functions it called: the calls a request's `function_call_output` items may answer. */
  toolCalls: ToolCall[];
  /** The conversation's last question that was not tool results, for the knowledge search. */
  question: string | null;
  metadata: Record<string, string>;
}

interface Row {
  sessionId: string;
  assistantId: string;
  toolCalls: ToolCall[] | null;
  metadata: unknown;
  latestId: string | null;
  question: string | null;
}

const lookup = `
  SELECT m."sessionId", m."assistantId", m."toolCalls", s.metadata,
    (SELECT l.id FROM "Message" l
      WHERE l."sessionId" = m."sessionId" AND l.role = 'assistant' AND l.status = 'completed'
      ORDER BY l."createdAt" DESC, l.id DESC LIMIT 1) AS "latestId",
    (SELECT q.content FROM "Message" q
      WHERE q."sessionId" = m."sessionId" AND q.role = 'user' AND q."toolResults" IS NULL
        AND q."createdAt" < m."createdAt"
      ORDER BY q."createdAt" DESC, q.id DESC LIMIT 1) AS question
  FROM "Message" m JOIN "ChatSession" s ON s.id = m."sessionId"
  WHERE m.id = $1 AND m.role = 'assistant'`;

/**
 * The previous response, if `assistantId`'s and stored; another assistant's is not found, as one
 * that does not exist (nothing of another assistant's conversations shows through this one).
 */
export async function findPreviousResponse(
  assistantId: string,
  responseId: string,
): Promise<PreviousResponse> {
  const messageId = messageIdOf(responseId);
  const row = messageId ? (await getPool().query<Row>(lookup, [messageId])).rows[0] : undefined;
  if (!row || row.assistantId !== assistantId || !isStored(row.metadata)) {
    throw notFound("Response", responseId);
  }
  if (row.latestId !== messageId) {
    const latest = row.latestId ? `; continue from '${responseIdOf(row.latestId)}'` : "";
    throw new AppError(
      "CONFLICT",
      `previous_response_id '${responseId}' is not the latest completed response of its conversation${latest}`,
    );
  }
  return {
    id: responseId,
    sessionId: row.sessionId,
    toolCalls: row.toolCalls ?? [],
    question: row.question,
    metadata: visibleMetadata(row.metadata),
  };
}
