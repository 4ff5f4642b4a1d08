// The first half of an exchange, before any model is called: checks the caller and the assistant,
// validates the message, resolves or starts the session, records the end user, stores the user's
// message (so it is never lost, whatever happens next) and a placeholder for the answer, and loads
// the history that fits the token budget.
import { getDb } from "../../db/client";
import { env } from "../../env";
import { AppError, notFound } from "../../errors";
import type { AssistantDto } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { requireEnabledAssistant } from "../assistants/require-enabled-assistant";
import type { ChatTurn } from "../gateway/engines/engine";
import { newId } from "../sessions/ids";
import { upsertEndUser } from "../sessions/upsert-end-user";
import { loadHistory } from "./history";

export interface ExchangeInput {
  message: string;
  session_id?: string;
  user?: string;
  metadata?: Record<string, string>;
  /** Earlier turns supplied by the caller (the OpenAI facade) instead of the session's history. */
  history?: ChatTurn[];
  /** Per-request generation settings over the assistant's own (the OpenAI facade's parameters). */
  generation?: Partial<AssistantDto["generation"]>;
}

export interface PreparedExchange {
  assistant: AssistantDto;
  sessionId: string;
  userMessageId: string;
  answerMessageId: string;
  question: string;
  history: ChatTurn[];
  startedAt: number;
}

export function assertMessageValid(message: string): void {
  if (message.trim() === "") throw new AppError("INVALID_INPUT", "message must not be empty");
  if (message.length > env.HEARTH_MAX_MESSAGE_CHARS) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `message is ${message.length} characters; the limit is ${env.HEARTH_MAX_MESSAGE_CHARS}`,
    );
  }
}

export async function prepareExchange(actor: Actor, assistantId: string, input: ExchangeInput): Promise<PreparedExchange> {
  const startedAt = performance.now();
  const stored = await requireEnabledAssistant(actor, assistantId);
  const overrides = Object.fromEntries(Object.entries(input.generation ?? {}).filter(([, value]) => value != null));
  const assistant = { ...stored, generation: { ...stored.generation, ...overrides } };
  assertMessageValid(input.message);
  return getDb().$transaction(async (tx) => {
    const endUserId = input.user ? await upsertEndUser(tx, assistantId, input.user) : null;
    let sessionId = input.session_id;
    if (sessionId) {
      const session = await tx.chatSession.findFirst({ where: { id: sessionId, assistantId } });
      if (!session) throw notFound("Session", sessionId);
      if (endUserId && session.endUserId && session.endUserId !== endUserId) {
        throw new AppError("FORBIDDEN", "This session belongs to another user");
      }
      if (endUserId && !session.endUserId) {
        await tx.chatSession.update({ where: { id: sessionId }, data: { endUserId } });
      }
    } else {
      sessionId = newId("sess");
      await tx.chatSession.create({
        data: { id: sessionId, assistantId, endUserId, metadata: input.metadata ?? {} },
      });
    }
    const now = new Date();
    const history = input.history ?? (await loadHistory(tx, sessionId, now, env.HEARTH_HISTORY_TOKEN_BUDGET));
    const userMessageId = newId("msg");
    const answerMessageId = newId("msg");
    // The answer is stamped 1 ms after the question so the transcript orders them correctly.
    await tx.message.createMany({
      data: [
        { id: userMessageId, sessionId, assistantId, role: "user", content: input.message, createdAt: now },
        {
          id: answerMessageId,
          sessionId,
          assistantId,
          role: "assistant",
          content: "",
          status: "in_progress",
          model: assistant.model,
          createdAt: new Date(now.getTime() + 1),
        },
      ],
    });
    await tx.chatSession.update({
      where: { id: sessionId },
      data: { messageCount: { increment: 2 }, lastMessageAt: now },
    });
    return {
      assistant,
      sessionId,
      userMessageId,
      answerMessageId,
      question: input.message,
      history,
      startedAt,
    };
  });
}
