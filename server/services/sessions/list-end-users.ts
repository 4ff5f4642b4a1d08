import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import type { EndUserDto, ListEndUsersQuery } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { requireReadableAssistant } from "./require-readable-assistant";

/** End users seen by an assistant, most recently seen first, with their session and message counts. */
export async function listEndUsers(
  actor: Actor,
  assistantId: string,
  query: ListEndUsersQuery,
): Promise<{ object: "list"; data: EndUserDto[]; total: number; next_cursor: string | null }> {
  await requireReadableAssistant(actor, assistantId);
  const db = getDb();
  const cursorRow = query.cursor
    ? await db.endUser.findFirst({ where: { assistantId, externalId: query.cursor }, select: { id: true } })
    : null;
  if (query.cursor && !cursorRow)
    throw new AppError("INVALID_INPUT", "cursor does not match any user; start again without it");
  const [rows, total] = await Promise.all([
    db.endUser.findMany({
      where: { assistantId },
      orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      ...(cursorRow ? { cursor: { id: cursorRow.id }, skip: 1 } : {}),
      include: { sessions: { select: { messageCount: true } } },
    }),
    db.endUser.count({ where: { assistantId } }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    object: "list",
    data: page.map((row) => ({
      id: row.externalId,
      object: "end_user",
      first_seen_at: row.firstSeenAt.toISOString(),
      last_seen_at: row.lastSeenAt.toISOString(),
      session_count: row.sessions.length,
      message_count: row.sessions.reduce((sum, session) => sum + session.messageCount, 0),
    })),
    total,
    next_cursor: rows.length > query.limit ? (page.at(-1)?.externalId ?? null) : null,
  };
}
