import { getDb } from "../../../db/client";
import { notFound } from "../../../errors";
import type { ResponseObject } from "../../../schemas/openai-responses";
import type { Actor } from "../../access/actor";
import { authorize, can } from "../../access/policy";
import type { ToolCall } from "../../gateway/engines/engine";
import { buildResponse, outputItemsOf, STORED_SETTINGS, type ResponseOutcome } from "./build-response";
import { isStored, messageIdOf, responseIdOf, visibleMetadata } from "./stored-response";

const statusOf = {
  completed: "completed",
  failed: "failed",
  cancelled: "cancelled",
  in_progress: "in_progress",
} as const;

/**
 * A response as stored: its answer message's outcome (what it said, reasoned and called, its
 * usage, its error), with the settings Hearth does not keep shown as their defaults. Only for a
 * caller who may use the response's assistant: to any other, and for a response made with
 * `store: false`, it is not found, as one that does not exist. An answer cut by max_output_tokens
 * reads as completed (the finish reason is not stored).
 */
export async function getResponse(actor: Actor, responseId: string): Promise<ResponseObject> {
  // May this caller use any assistant at all (a scoped key: its own); which one comes below.
  authorize(actor, "runtime:use", actor.kind === "api_key" ? actor.assistantIds[0] : undefined);
  const messageId = messageIdOf(responseId);
  const db = getDb();
  const row = messageId
    ? await db.message.findFirst({
        where: { id: messageId, role: "assistant" },
        include: { session: { select: { metadata: true } } },
      })
    : null;
  if (!row || !can(actor, "runtime:use", row.assistantId) || !isStored(row.session.metadata)) {
    throw notFound("Response", responseId);
  }
  const previous = await db.message.findFirst({
    where: {
      sessionId: row.sessionId,
      role: "assistant",
      status: "completed",
      createdAt: { lt: row.createdAt },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  const done = row.status === "completed";
  const outcome: ResponseOutcome = {
    status: statusOf[row.status],
    output: outputItemsOf(
      row.id,
      { reasoning: row.reasoning, text: row.content, toolCalls: (row.toolCalls as ToolCall[] | null) ?? [] },
      !done,
    ),
    usage:
      row.promptTokens === null || row.completionTokens === null
        ? null
        : {
            prompt_tokens: row.promptTokens,
            completion_tokens: row.completionTokens,
            total_tokens: row.promptTokens + row.completionTokens,
          },
    error:
      row.status === "failed" ? { code: row.errorCode ?? "INTERNAL", message: row.errorMessage ?? "" } : null,
    rag: row.rag,
    citations: row.citations as unknown[],
  };
  return buildResponse(
    {
      messageId: row.id,
      sessionId: row.sessionId,
      createdAt: Math.floor(row.createdAt.getTime() / 1000),
      model: row.assistantId,
      settings: {
        ...STORED_SETTINGS,
        previous_response_id: previous ? responseIdOf(previous.id) : null,
        metadata: visibleMetadata(row.session.metadata),
      },
    },
    outcome,
  );
}
