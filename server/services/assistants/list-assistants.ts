import { getDb, type Prisma } from "../../db/client";
import type { AssistantDto, ListAssistantsQuery } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { cursorPage, type Page } from "../pagination/cursor-page";
import { toAssistantDto } from "./assistant-dto";

export type AssistantList = Page<AssistantDto>;

/** Prisma turns `contains` into a LIKE pattern without escaping `%` and `_`; search text is literal. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, "\\$&");

// Newest first; the cursor is the id of the last row of the previous page (ids are unique).
export async function listAssistants(actor: Actor, query: ListAssistantsQuery): Promise<AssistantList> {
  authorize(actor, "assistants:read");
  const db = getDb();
  const q = query.q ? likeLiteral(query.q) : undefined;
  const where: Prisma.AssistantWhereInput = {
    enabled: query.enabled,
    ...(q
      ? {
          OR: [
            { id: { contains: q, mode: "insensitive" } },
            { name: { contains: q, mode: "insensitive" } },
            { description: { contains: q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  return cursorPage({
    query,
    noun: "assistant",
    cursorExists: async (id) =>
      Boolean(await db.assistant.findUnique({ where: { id }, select: { id: true } })),
    findMany: (window) =>
      db.assistant.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...window }),
    count: () => db.assistant.count({ where }),
    toDto: toAssistantDto,
  });
}
