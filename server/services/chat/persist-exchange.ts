// Records an exchange: the end user, the session (new or continued), the user's message and a
// placeholder for the answer, in one transaction; then, at the end, the answer's outcome.
//
// These two run for every question, so they are written as SQL rather than through Prisma's
// query builder: its query compilation costs milliseconds of CPU on the event loop per statement
// (measured: about 5 ms for this transaction against 0.6 ms as SQL), which under many concurrent
// streams delays every other stream's tokens. The end user is an INSERT ... ON CONFLICT, so two
// concurrent first requests of one user cannot collide.
import { getDb } from "../../db/client";
import type { Citation, RagDecision } from "../../schemas/chat";
import { newId } from "../sessions/ids";
import type { PreparedExchange } from "./prepare-exchange";

/** Timestamps are stored as UTC wall-clock times (Prisma's convention for `timestamp(3)`). */
const utc = (date: Date) => date.toISOString();

export async function recordExchangeStart(prepared: PreparedExchange): Promise<void> {
  const db = getDb();
  const { sessionId, user, receivedAt } = prepared;
  const assistantId = prepared.assistant.id;
  const now = utc(receivedAt);
  // The answer is stamped 1 ms after the question so the transcript orders them correctly.
  const answerAt = utc(new Date(receivedAt.getTime() + 1));
  const endUser = user
    ? [
        db.$executeRaw`
          INSERT INTO "EndUser" (id, "assistantId", "externalId", "firstSeenAt", "lastSeenAt")
          VALUES (${newId("eu")}, ${assistantId}, ${user}, ${now}::timestamp, ${now}::timestamp)
          ON CONFLICT ("assistantId", "externalId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"`,
      ]
    : [];
  const session = prepared.existingSession
    ? db.$executeRaw`
        UPDATE "ChatSession" SET
          "messageCount" = "messageCount" + 2,
          "lastMessageAt" = ${now}::timestamp,
          "updatedAt" = ${now}::timestamp,
          "endUserId" = COALESCE("endUserId",
            (SELECT id FROM "EndUser" WHERE "assistantId" = ${assistantId} AND "externalId" = ${user}))
        WHERE id = ${sessionId}`
    : db.$executeRaw`
        INSERT INTO "ChatSession" (id, "assistantId", "endUserId", metadata, "messageCount", "lastMessageAt", "createdAt", "updatedAt")
        VALUES (${sessionId}, ${assistantId},
          (SELECT id FROM "EndUser" WHERE "assistantId" = ${assistantId} AND "externalId" = ${user}),
          ${JSON.stringify(prepared.metadata)}::jsonb, 2, ${now}::timestamp, ${now}::timestamp, ${now}::timestamp)`;
  const messages = db.$executeRaw`
    INSERT INTO "Message" (id, "sessionId", "assistantId", role, content, status, model, "createdAt", "updatedAt")
    VALUES
      (${prepared.userMessageId}, ${sessionId}, ${assistantId}, 'user', ${prepared.question}, 'completed',
        NULL, ${now}::timestamp, ${now}::timestamp),
      (${prepared.answerMessageId}, ${sessionId}, ${assistantId}, 'assistant', '', 'in_progress',
        ${prepared.assistant.model}, ${answerAt}::timestamp, ${answerAt}::timestamp)`;
  await db.$transaction([...endUser, session, messages]);
}

export interface ExchangeOutcome {
  status: "completed" | "failed" | "cancelled";
  content: string;
  reasoning: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  rag: RagDecision;
  citations: Citation[];
  backendId: string | null;
  /** The model that answered (a fallback model when the assistant's own had no healthy backend). */
  model: string;
  promptTokens: number | null;
  completionTokens: number | null;
  queueMs: number;
  ttftMs: number | null;
  totalMs: number;
}

export async function recordExchangeEnd(messageId: string, outcome: ExchangeOutcome): Promise<void> {
  const now = utc(new Date());
  await getDb().$executeRaw`
    UPDATE "Message" SET
      status = ${outcome.status}::"MessageStatus",
      content = ${outcome.content},
      reasoning = ${outcome.reasoning},
      "errorCode" = ${outcome.errorCode},
      "errorMessage" = ${outcome.errorMessage},
      rag = ${JSON.stringify(outcome.rag)}::jsonb,
      citations = ${JSON.stringify(outcome.citations)}::jsonb,
      "backendId" = ${outcome.backendId},
      model = ${outcome.model},
      "promptTokens" = ${outcome.promptTokens},
      "completionTokens" = ${outcome.completionTokens},
      "queueMs" = ${outcome.queueMs},
      "ttftMs" = ${outcome.ttftMs},
      "totalMs" = ${outcome.totalMs},
      "updatedAt" = ${now}::timestamp
    WHERE id = ${messageId}`;
}
