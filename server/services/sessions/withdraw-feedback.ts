import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AnswerRef, FeedbackDeleted } from "../../schemas/feedback";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { findAnswer } from "./find-answer";
import { requireReadableAssistant } from "./require-readable-assistant";

/** Withdraws an answer's rating; the same callers as giveFeedback may. NOT_FOUND when unrated. */
export async function withdrawFeedback(actor: Actor, ref: AnswerRef): Promise<FeedbackDeleted> {
  await requireReadableAssistant(actor, ref.assistantId);
  authorize(actor, "runtime:use", ref.assistantId);
  const answer = await findAnswer(ref);
  const { count } = await getDb().messageFeedback.deleteMany({ where: { messageId: answer.id } });
  if (count === 0) throw notFound("Feedback on message", answer.id);
  return { message_id: answer.id, object: "feedback.deleted", deleted: true };
}
