// The question a request asks again (`replace_from`: regenerate an answer, or edit a question and
// resend): it must be a question of the session being continued, with no answer from it on still
// being written (that answer's outcome and usage would be recorded on a row that is gone, so its
// tokens would count nowhere). Only read here; the removal of it and everything after it is part of
// the statement that records the new question (runtime/exchange/persist-exchange.ts), which checks
// both again, so a refused or unrecordable request removes nothing.
import type { Database } from "../../db/client";
import { AppError, notFound } from "../../errors";

/** When the question was asked: the history the new question gets is what came before it. */
export async function findReplacedQuestion(
  db: Pick<Database, "message">,
  sessionId: string,
  messageId: string,
): Promise<{ createdAt: Date }> {
  const message = await db.message.findFirst({
    where: { id: messageId, sessionId },
    select: { role: true, createdAt: true },
  });
  // Another session's message (or another assistant's) is as unknown as one that does not exist.
  if (!message) throw notFound("Message", messageId);
  if (message.role !== "user") {
    const text = `replace_from must name a question (a user message); ${messageId} is an answer`;
    throw new AppError("INVALID_INPUT", text, { details: [{ path: "replace_from", message: text }] });
  }
  const writing = await db.message.findFirst({
    where: { sessionId, status: "in_progress", createdAt: { gte: message.createdAt } },
    select: { id: true },
  });
  if (writing) {
    throw new AppError(
      "CONFLICT",
      `An answer from this question on (${writing.id}) is still being written; stop it or wait for it first`,
    );
  }
  return { createdAt: message.createdAt };
}
