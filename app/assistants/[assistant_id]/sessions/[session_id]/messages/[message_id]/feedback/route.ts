import { giveFeedbackEndpoint, withdrawFeedbackEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { giveFeedback } from "@/server/services/sessions/give-feedback";
import { withdrawFeedback } from "@/server/services/sessions/withdraw-feedback";

const answerOf = (params: { assistant_id: string; session_id: string; message_id: string }) => ({
  assistantId: params.assistant_id,
  sessionId: params.session_id,
  messageId: params.message_id,
});

export const POST = handle(giveFeedbackEndpoint, ({ actor, params, body }) =>
  giveFeedback(actor, answerOf(params), body),
);

export const DELETE = handle(withdrawFeedbackEndpoint, ({ actor, params }) =>
  withdrawFeedback(actor, answerOf(params)),
);

export const { GET, PUT, PATCH, OPTIONS } = allowOnly(POST, DELETE);
