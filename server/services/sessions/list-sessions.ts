import { getDb, type Prisma } from "../../db/client";
import type { ListSessionsQuery, SessionDto } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { cursorPage, type Page } from "../pagination/cursor-page";
import { requireReadableAssistant } from "./require-readable-assistant";
import { toSessionDto } from "./session-dto";

export async function listSessions(
  actor: Actor,
  assistantId: string,
  query: ListSessionsQuery,
): Promise<Page<SessionDto>> {
  await requireReadableAssistant(actor, assistantId);
  const db = getDb();
  const where: Prisma.ChatSessionWhereInput = {
    assistantId,
    ...(query.user ? { endUser: { externalId: query.user } } : {}),
    ...(query.created_after || query.created_before
      ? { createdAt: { gte: query.created_after, lt: query.created_before } }
      : {}),
  };
  return cursorPage({
    query,
    noun: "session",
    cursorExists: async (id) =>
      Boolean(await db.chatSession.findFirst({ where: { id, assistantId }, select: { id: true } })),
    findMany: (window) =>
      db.chatSession.findMany({
        where,
        include: { endUser: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
    count: () => db.chatSession.count({ where }),
    toDto: toSessionDto,
  });
}
