import type { AnswerRef, FeedbackDto, GiveFeedbackInput } from "../../schemas/feedback";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toFeedbackDto } from "./feedback-dto";
import { findAnswer } from "./find-answer";
import { saveFeedback } from "./rated-answer";
import { requireReadableAssistant } from "./require-readable-assistant";

/**
 * Rates an answer (thumbs up or down, with an optional comment), replacing its earlier rating.
 * Part of using the assistant, on a conversation the caller may read: its runtime keys, operators
 * and admins (the playground), admin keys.
 */
export async function giveFeedback(
  actor: Actor,
  ref: AnswerRef,
  input: GiveFeedbackInput,
): Promise<FeedbackDto> {
  await requireReadableAssistant(actor, ref.assistantId);
  authorize(actor, "runtime:use", ref.assistantId);
  const answer = await findAnswer(ref);
  return toFeedbackDto(await saveFeedback(answer, actor, input));
}
