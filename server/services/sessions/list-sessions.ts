import { getDb, type Prisma } from "../../db/client";
import type { ListSessionsQuery, SessionDto } from "../../schemas/chat";
import type { SessionFeedbackFilter } from "../../schemas/feedback";
import type { Actor } from "../access/actor";
import { cursorPage, type Page } from "../pagination/cursor-page";
import { requireReadableAssistant } from "./require-readable-assistant";
import { toSessionDto } from "./session-dto";
import { sessionSummaries } from "./session-summaries";

/** Sessions with at least one answer rated so (`any`: either way), or with none rated. */
function feedbackFilter(filter: SessionFeedbackFilter): Prisma.ChatSessionWhereInput {
  switch (filter) {
    case "up":
    case "down":
      return { feedback: { some: { rating: filter } } };
    case "any":
      return { feedback: { some: {} } };
    case "none":
      return { feedback: { none: {} } };
  }
}

/** The sessions the list's filters select (the export uses the same). */
export function sessionsWhere(
  assistantId: string,
  query: Omit<ListSessionsQuery, "limit" | "cursor">,
): Prisma.ChatSessionWhereInput {
  return {
    assistantId,
    ...(query.user ? { endUser: { externalId: query.user } } : {}),
    // Load tests make sessions by the hundred: shown only when asked for.
    channel: query.channel ?? { not: "loadtest" },
    ...(query.feedback ? feedbackFilter(query.feedback) : {}),
    ...(query.created_after || query.created_before
      ? { createdAt: { gte: query.created_after, lt: query.created_before } }
      : {}),
  };
}

export async function listSessions(
  actor: Actor,
  assistantId: string,
  query: ListSessionsQuery,
): Promise<Page<SessionDto>> {
  await requireReadableAssistant(actor, assistantId);
  const db = getDb();
  const where = sessionsWhere(assistantId, query);
  const page = await cursorPage({
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
    toDto: (row) => row,
  });
  const summaries = await sessionSummaries(page.data.map((row) => row.id));
  return { ...page, data: page.data.map((row) => toSessionDto(row, summaries.get(row.id))) };
}
