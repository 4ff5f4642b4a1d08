// Records an exchange: the end user, the session (new or continued), the user's message and a
// placeholder for the answer, in one statement; then, at the end, the answer's outcome.
//
// These two run for every question, so they are plain SQL on the pool under Prisma, one statement
// (one round trip, atomic by itself) each: Prisma's query compiler costs milliseconds of CPU on the
// event loop per statement, even for raw SQL (measured under 64 streams: about 5.9 ms per exchange
// through Prisma against 0.7 ms here), which delays every other stream's tokens. The end user is
// an INSERT ... ON CONFLICT, so two concurrent first requests of one user cannot collide.
import { getPool } from "../../../db/client";
import { questionPathStatement } from "../../../db/named-statement";
import type { Citation, RagDecision, SlaOutcome, ToolRun } from "../../../schemas/chat";
import type { PreparedExchange } from "../../chat/prepare-exchange";
import type { ToolCall } from "../../gateway/engines/engine";
import { newId } from "../../sessions/ids";
import { replicaId } from "../../cluster/replica";

/** Timestamps are stored as UTC wall-clock times (Prisma's convention for `timestamp(3)`). */
const utc = (date: Date) => date.toISOString();

// $1 end user id, $2 assistant, $3 external user id (or null), $4 received at, $5 session id,
// $6 user message id, $7 question, $8 answer message id, $9 model, $10 answered at, $11 this
// replica (answering it), $12 the tool results the question sent back (or null); for a new session,
// $13 its metadata and $14 its channel; for a question asked again, $13 the question it replaces.
const upsertEndUser = `
  end_user AS (
    INSERT INTO "EndUser" (id, "assistantId", "externalId", "firstSeenAt", "lastSeenAt")
    SELECT $1, $2, $3, $4::timestamp, $4::timestamp WHERE $3::text IS NOT NULL
    ON CONFLICT ("assistantId", "externalId") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt"
    RETURNING id)`;

const newSession = `
  session AS (
    INSERT INTO "ChatSession" (id, "assistantId", "endUserId", metadata, channel, "messageCount", "lastMessageAt", "createdAt", "updatedAt")
    VALUES ($5, $2, (SELECT id FROM end_user), $13::jsonb, $14::"Channel", 2, $4::timestamp, $4::timestamp, $4::timestamp)
    RETURNING id)`;

const continuedSession = `
  session AS (
    UPDATE "ChatSession" SET
      "messageCount" = "messageCount" + 2,
      "lastMessageAt" = $4::timestamp,
      "updatedAt" = $4::timestamp,
      "endUserId" = COALESCE("endUserId", (SELECT id FROM end_user))
    WHERE id = $5 AND "assistantId" = $2
    RETURNING id)`;

const insertMessages = `
  INSERT INTO "Message" (id, "sessionId", "assistantId", role, content, status, model, "replicaId", "toolResults", "createdAt", "updatedAt")
  SELECT $6, session.id, $2, 'user'::"MessageRole", $7, 'completed'::"MessageStatus", NULL, NULL,
    $12::jsonb, $4::timestamp, $4::timestamp FROM session
  UNION ALL
  SELECT $8, session.id, $2, 'assistant', '', 'in_progress', $9, $11, NULL, $10::timestamp, $10::timestamp FROM session`;

// Asking a question again (`replace_from`, $13): it and every later message of the session go
// (their ratings with them), in the same statement that records the new question, so the session
// never shows one without the other. Nothing is written if that question is gone meanwhile, or if
// an answer from it on is being written again (its outcome and usage would have no row to land on).
const replacedSession = `
  replaced AS (
    SELECT "createdAt" FROM "Message" WHERE id = $13 AND "sessionId" = $5 AND role = 'user'),
  removed AS (
    DELETE FROM "Message"
    WHERE "sessionId" = $5 AND "createdAt" >= (SELECT "createdAt" FROM replaced)
      AND NOT EXISTS (
        SELECT 1 FROM "Message" WHERE "sessionId" = $5 AND status = 'in_progress'
          AND "createdAt" >= (SELECT "createdAt" FROM replaced))
    RETURNING id),
  session AS (
    UPDATE "ChatSession" SET
      "messageCount" = "messageCount" - (SELECT count(*) FROM removed) + 2,
      "lastMessageAt" = $4::timestamp,
      "updatedAt" = $4::timestamp,
      "endUserId" = COALESCE("endUserId", (SELECT id FROM end_user))
    WHERE id = $5 AND "assistantId" = $2 AND EXISTS (SELECT 1 FROM removed WHERE id = $13)
    RETURNING id)`;

const startStatement = {
  new: `WITH ${upsertEndUser}, ${newSession} ${insertMessages}`,
  continued: `WITH ${upsertEndUser}, ${continuedSession} ${insertMessages}`,
  replacing: `WITH ${upsertEndUser}, ${replacedSession} ${insertMessages}`,
};

function startStatementOf(prepared: PreparedExchange): { text: string; extra: string[] } {
  if (!prepared.existingSession) {
    return { text: startStatement.new, extra: [JSON.stringify(prepared.metadata), prepared.channel] };
  }
  if (prepared.replaceFrom) return { text: startStatement.replacing, extra: [prepared.replaceFrom] };
  return { text: startStatement.continued, extra: [] };
}

/** The tool results a question sent back instead of text, as stored (JSON), or null. */
function toolResultsOf(prepared: PreparedExchange): string | null {
  const results = prepared.closing.flatMap((turn) =>
    turn.role === "tool" ? [{ tool_call_id: turn.tool_call_id, content: turn.content }] : [],
  );
  return results.length > 0 ? JSON.stringify(results) : null;
}

export async function recordExchangeStart(prepared: PreparedExchange): Promise<void> {
  const { sessionId, user, receivedAt } = prepared;
  // The answer is stamped 1 ms after the question so the transcript orders them correctly.
  const answerAt = new Date(receivedAt.getTime() + 1);
  const statement = startStatementOf(prepared);
  const result = await getPool().query(questionPathStatement(statement.text), [
    newId("eu"),
    prepared.assistant.id,
    user,
    utc(receivedAt),
    sessionId,
    prepared.userMessageId,
    prepared.question,
    prepared.answerMessageId,
    prepared.assistant.model,
    utc(answerAt),
    replicaId(),
    toolResultsOf(prepared),
    ...statement.extra,
  ]);
  // A continued session deleted since it was read (or the question asked again removed meanwhile):
  // nothing was written, and nothing may be answered.
  if (result.rowCount !== 2) throw new Error(`session ${sessionId} no longer exists as it was read`);
}

export interface ExchangeOutcome {
  status: "completed" | "failed" | "cancelled";
  content: string;
  reasoning: string | null;
  errorCode: string | null;
  /** Hearth's public message above; this is for operators (the upstream's answer, the backend). */
  errorMessage: string | null;
  errorDetail: string | null;
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
  /** What SLA control decided, and whether the answer met it (null without SLA control). */
  sla: SlaOutcome | null;
  /** The functions the model called (null when it called none). */
  toolCalls: ToolCall[] | null;
  /** The assistant's own tools Hearth ran for it (null when none). */
  toolRuns: ToolRun[] | null;
  /** What usage accounts beyond the message's own columns. */
  usage: { apiKeyId: string | null; reasoningTokens: number; gpuMs: number };
}

// The answer's outcome, and its usage added to the minute, hour and day rollups of its assistant,
// key, end user, channel, model, backend and outcome, priced with the backend's prices now: one
// statement. $21 the API key (or ''), $22 reasoning tokens, $23 time on the backend (ms).
const endStatement = `
  WITH answer AS (
    UPDATE "Message" SET
      status = $1::"MessageStatus", content = $2, reasoning = $3, "errorCode" = $4, "errorMessage" = $5,
      rag = $6::jsonb, citations = $7::jsonb, "backendId" = $8, model = $9, "promptTokens" = $10,
      "completionTokens" = $11, "queueMs" = $12, "ttftMs" = $13, "totalMs" = $14, "updatedAt" = $15::timestamp,
      "errorDetail" = $17, sla = $18::jsonb, "toolCalls" = $19::jsonb,
      "toolRuns" = $20::jsonb
    WHERE id = $16
    RETURNING "sessionId", "assistantId"),
  figures AS (
    SELECT COALESCE($10::int, 0)::bigint AS prompt, COALESCE($11::int, 0)::bigint AS completion,
      $22::bigint AS reasoning, $23::bigint AS gpu_ms)
  INSERT INTO "UsageRollup" AS r (period, bucket, "assistantId", "apiKeyId", "endUserId", channel, model,
    "backendId", outcome, requests, "promptTokens", "completionTokens", "reasoningTokens", "gpuMs", cost)
  SELECT p.period::"UsagePeriod", date_trunc(p.period, $15::timestamp), answer."assistantId", $21,
    COALESCE(s."endUserId", ''), s.channel, $9, COALESCE($8, ''), $1::"MessageStatus", 1,
    f.prompt, f.completion, f.reasoning, f.gpu_ms,
    COALESCE(b."priceInputPerMillion", 0) * f.prompt / 1e6
      + COALESCE(b."priceOutputPerMillion", 0) * f.completion / 1e6
      + COALESCE(b."pricePerGpuHour", 0) * f.gpu_ms / 3.6e6
  FROM answer
    JOIN "ChatSession" s ON s.id = answer."sessionId"
    CROSS JOIN figures f
    CROSS JOIN (VALUES ('minute'), ('hour'), ('day')) AS p(period)
    LEFT JOIN "Backend" b ON b.id = $8
  ON CONFLICT (period, bucket, "assistantId", "apiKeyId", "endUserId", channel, model, "backendId", outcome)
  DO UPDATE SET
    requests = r.requests + 1,
    "promptTokens" = r."promptTokens" + EXCLUDED."promptTokens",
    "completionTokens" = r."completionTokens" + EXCLUDED."completionTokens",
    "reasoningTokens" = r."reasoningTokens" + EXCLUDED."reasoningTokens",
    "gpuMs" = r."gpuMs" + EXCLUDED."gpuMs",
    cost = r.cost + EXCLUDED.cost`;

export async function recordExchangeEnd(messageId: string, outcome: ExchangeOutcome): Promise<void> {
  await getPool().query(questionPathStatement(endStatement), [
    outcome.status,
    outcome.content,
    outcome.reasoning,
    outcome.errorCode,
    outcome.errorMessage,
    JSON.stringify(outcome.rag),
    JSON.stringify(outcome.citations),
    outcome.backendId,
    outcome.model,
    outcome.promptTokens,
    outcome.completionTokens,
    outcome.queueMs,
    outcome.ttftMs,
    outcome.totalMs,
    utc(new Date()),
    messageId,
    outcome.errorDetail,
    outcome.sla === null ? null : JSON.stringify(outcome.sla),
    outcome.toolCalls === null ? null : JSON.stringify(outcome.toolCalls),
    outcome.toolRuns === null ? null : JSON.stringify(outcome.toolRuns),
    outcome.usage.apiKeyId ?? "",
    Math.round(outcome.usage.reasoningTokens),
    Math.round(outcome.usage.gpuMs),
  ]);
}
