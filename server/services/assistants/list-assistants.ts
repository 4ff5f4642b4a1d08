import { getDb, type Prisma } from "../../db/client";
import { AppError } from "../../errors";
import type { AssistantDto, ListAssistantsQuery } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toAssistantDto } from "./assistant-dto";

export interface AssistantList {
  object: "list";
  data: AssistantDto[];
  total: number;
  next_cursor: string | null;
}

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
  if (
    query.cursor &&
    !(await db.assistant.findUnique({ where: { id: query.cursor }, select: { id: true } }))
  ) {
    throw new AppError("INVALID_INPUT", "cursor does not match any assistant; start again without it");
  }
  const [rows, total] = await Promise.all([
    db.assistant.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    }),
    db.assistant.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    object: "list",
    data: page.map(toAssistantDto),
    total,
    next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
