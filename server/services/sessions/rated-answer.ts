// What every way of rating an answer shares: the answer must be an assistant message, and the rating
// is stored as that answer's one current feedback (a new rating replaces the old one, whoever gave
// it). Who may rate which answers is decided by the callers of these functions.
import { randomBytes } from "node:crypto";
import { getDb, type Message, type MessageFeedback } from "../../db/client";
import { AppError } from "../../errors";
import type { GiveFeedbackInput } from "../../schemas/feedback";
import type { Actor } from "../access/actor";

type Giver = Pick<MessageFeedback, "giverKind" | "giverId">;

/** Who gives feedback, as it is recorded. */
export function giverOf(actor: Actor): Giver {
  switch (actor.kind) {
    case "api_key":
      return { giverKind: "api_key", giverId: actor.keyId };
    case "user":
      return { giverKind: "console_user", giverId: actor.userId };
    case "widget":
      return { giverKind: "widget_visitor", giverId: actor.widgetSessionId };
    case "master":
      return { giverKind: "master_key", giverId: null };
    case "anonymous":
      throw new AppError("UNAUTHORIZED", "Authentication required to give feedback");
  }
}

/** Refuses a question: only answers are rated. */
export function assertAnswer(message: Pick<Message, "id" | "role">): void {
  if (message.role !== "assistant") {
    throw new AppError(
      "INVALID_INPUT",
      `Message '${message.id}' is a question; feedback is given on answers (assistant messages)`,
      { details: [{ path: "message_id", message: "must be an assistant message" }] },
    );
  }
}

/** Stores the answer's rating, replacing any earlier one. */
export async function saveFeedback(
  answer: Pick<Message, "id" | "sessionId" | "assistantId">,
  actor: Actor,
  input: GiveFeedbackInput,
): Promise<MessageFeedback> {
  const giver = giverOf(actor);
  const values = { rating: input.rating, comment: input.comment?.trim() || null, ...giver };
  return getDb().messageFeedback.upsert({
    where: { messageId: answer.id },
    create: {
      id: `fb_${randomBytes(12).toString("hex")}`,
      messageId: answer.id,
      sessionId: answer.sessionId,
      assistantId: answer.assistantId,
      ...values,
    },
    // updatedAt moves with it: a new rating counts from now in the telemetry windows.
    update: values,
  });
}
