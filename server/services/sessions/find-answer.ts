import { getDb, type Message } from "../../db/client";
import { notFound } from "../../errors";
import type { AnswerRef } from "../../schemas/feedback";
import { assertAnswer } from "./rated-answer";

/**
 * An answer by its path: the session must be the assistant's and the message the session's (a
 * message of another session or assistant is not found, whatever its id).
 */
export async function findAnswer(ref: AnswerRef): Promise<Message> {
  const db = getDb();
  const session = await db.chatSession.findFirst({
    where: { id: ref.sessionId, assistantId: ref.assistantId },
    select: { id: true },
  });
  if (!session) throw notFound("Session", ref.sessionId);
  const message = await db.message.findFirst({
    where: { id: ref.messageId, sessionId: ref.sessionId, assistantId: ref.assistantId },
  });
  if (!message) throw notFound("Message", ref.messageId);
  assertAnswer(message);
  return message;
}
