import { getDb, type Prisma } from "../../db/client";
import { AppError } from "../../errors";
import type { ListSessionsQuery, SessionDto } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { requireReadableAssistant } from "./require-readable-assistant";
import { toSessionDto } from "./session-dto";

export async function listSessions(
  actor: Actor,
  assistantId: string,
  query: ListSessionsQuery,
): Promise<{ object: "list"; data: SessionDto[]; total: number; next_cursor: string | null }> {
  await requireReadableAssistant(actor, assistantId);
  const db = getDb();
  const where: Prisma.ChatSessionWhereInput = {
    assistantId,
    ...(query.user ? { endUser: { externalId: query.user } } : {}),
  };
  if (query.cursor && !(await db.chatSession.findFirst({ where: { id: query.cursor, assistantId }, select: { id: true } }))) {
    throw new AppError("INVALID_INPUT", "cursor does not match any session; start again without it");
  }
  const [rows, total] = await Promise.all([
    db.chatSession.findMany({
      where,
      include: { endUser: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    }),
    db.chatSession.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    object: "list",
    data: page.map(toSessionDto),
    total,
    next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
