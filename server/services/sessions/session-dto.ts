import type { ChatSession, EndUser, Message, MessageFeedback } from "../../db/client";
import type { MessageDto, SessionDto } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { toFeedbackDto } from "./feedback-dto";
import { EMPTY_SUMMARY, type SessionSummary } from "./session-summaries";

/**
 * Whether a caller may read a failed answer's detail (an upstream's answer, a backend's name and
 * health): console users and admin callers may; runtime keys and widget visitors may not.
 */
export function seesErrorDetail(actor: Actor): boolean {
  return (
    actor.kind === "user" || actor.kind === "master" || (actor.kind === "api_key" && actor.scope === "admin")
  );
}

export function toSessionDto(
  row: ChatSession & { endUser: EndUser | null },
  summary: SessionSummary = EMPTY_SUMMARY,
): SessionDto {
  return {
    id: row.id,
    object: "session",
    assistant_id: row.assistantId,
    user: row.endUser?.externalId ?? null,
    metadata: row.metadata as Record<string, string>,
    channel: row.channel,
    first_question: summary.firstQuestion,
    last_status: summary.lastStatus,
    tokens: { prompt: summary.promptTokens, completion: summary.completionTokens },
    message_count: row.messageCount,
    created_at: row.createdAt.toISOString(),
    last_message_at: row.lastMessageAt?.toISOString() ?? null,
  };
}

export function toMessageDto(
  row: Message & { feedback?: MessageFeedback | null },
  options: { withErrorDetail: boolean },
): MessageDto {
  const hasUsage = row.promptTokens !== null || row.completionTokens !== null;
  const detail = options.withErrorDetail && row.errorDetail ? { detail: row.errorDetail } : {};
  return {
    id: row.id,
    object: "message",
    role: row.role,
    content: row.content,
    reasoning: row.reasoning,
    status: row.status,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "", ...detail } : null,
    citations: row.citations as MessageDto["citations"],
    rag: (row.rag as MessageDto["rag"]) ?? null,
    model: row.model,
    backend_id: row.backendId,
    usage: hasUsage
      ? {
          prompt_tokens: row.promptTokens ?? 0,
          completion_tokens: row.completionTokens ?? 0,
          total_tokens: (row.promptTokens ?? 0) + (row.completionTokens ?? 0),
        }
      : null,
    timings:
      row.totalMs !== null
        ? { queue_ms: row.queueMs ?? 0, ttft_ms: row.ttftMs, total_ms: row.totalMs }
        : null,
    ...(row.sla ? { sla: row.sla as NonNullable<MessageDto["sla"]> } : {}),
    ...(row.toolCalls ? { tool_calls: row.toolCalls as NonNullable<MessageDto["tool_calls"]> } : {}),
    ...(row.toolRuns ? { tool_runs: row.toolRuns as NonNullable<MessageDto["tool_runs"]> } : {}),
    feedback: row.feedback ? toFeedbackDto(row.feedback) : null,
    created_at: row.createdAt.toISOString(),
  };
}
