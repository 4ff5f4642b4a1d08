// Records an exchange: the session (new or continued), the end user, the user's message and a
// placeholder for the answer, in one transaction; then, at the end, the answer's outcome.
import { getDb, type Prisma } from "../../db/client";
import { newId } from "../sessions/ids";
import type { PreparedExchange } from "./prepare-exchange";

export async function recordExchangeStart(prepared: PreparedExchange): Promise<void> {
  const db = getDb();
  const { assistant, sessionId, user, receivedAt: now } = prepared;
  const assistantId = assistant.id;
  // The end user is upserted first, as its own statement (a native INSERT ... ON CONFLICT), and
  // the session connects to it: a nested connectOrCreate reads then inserts, so two concurrent
  // first requests of the same user would both insert and one exchange would fail.
  const endUserKey = user ? { assistantId_externalId: { assistantId, externalId: user } } : null;
  const seen = user
    ? [
        db.endUser.upsert({
          where: { assistantId_externalId: { assistantId, externalId: user } },
          create: { id: newId("eu"), assistantId, externalId: user, firstSeenAt: now, lastSeenAt: now },
          update: { lastSeenAt: now },
          select: { id: true },
        }),
      ]
    : [];
  const endUser: Prisma.EndUserCreateNestedOneWithoutSessionsInput | undefined = endUserKey
    ? { connect: endUserKey }
    : undefined;
  const session = prepared.existingSession
    ? db.chatSession.update({
        where: { id: sessionId },
        data: {
          messageCount: { increment: 2 },
          lastMessageAt: now,
          ...(endUser && !prepared.existingSession.endUserId ? { endUser } : {}),
        },
      })
    : db.chatSession.create({
        data: {
          id: sessionId,
          assistant: { connect: { id: assistantId } },
          metadata: prepared.metadata,
          messageCount: 2,
          lastMessageAt: now,
          ...(endUser ? { endUser } : {}),
        },
      });
  // The answer is stamped 1 ms after the question so the transcript orders them correctly.
  const messages = db.message.createMany({
    data: [
      {
        id: prepared.userMessageId,
        sessionId,
        assistantId,
        role: "user",
        content: prepared.question,
        createdAt: now,
      },
      {
        id: prepared.answerMessageId,
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
  await db.$transaction([...seen, session, messages]);
}

export async function recordExchangeEnd(messageId: string, data: Prisma.MessageUpdateInput): Promise<void> {
  await getDb().message.update({ where: { id: messageId }, data });
}
