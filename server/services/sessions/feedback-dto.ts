import type { MessageFeedback } from "../../db/client";
import type { FeedbackDto } from "../../schemas/feedback";

export function toFeedbackDto(row: MessageFeedback): FeedbackDto {
  return {
    object: "feedback",
    message_id: row.messageId,
    session_id: row.sessionId,
    assistant_id: row.assistantId,
    rating: row.rating,
    comment: row.comment,
    given_by: {
      kind: row.giverKind,
      // A visitor's widget session id is theirs alone: kept for the record, never shown.
      id: row.giverKind === "api_key" || row.giverKind === "console_user" ? row.giverId : null,
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
