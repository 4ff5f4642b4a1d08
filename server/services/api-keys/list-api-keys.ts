import { getDb, type Prisma } from "../../db/client";
import { AppError } from "../../errors";
import type { ApiKeyDto, ListApiKeysQuery } from "../../schemas/api-key";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toApiKeyDto } from "./api-key-dto";

export async function listApiKeys(
  actor: Actor,
  query: ListApiKeysQuery,
): Promise<{ object: "list"; data: ApiKeyDto[]; total: number; next_cursor: string | null }> {
  authorize(actor, "api_keys:manage");
  const db = getDb();
  const where: Prisma.ApiKeyWhereInput = query.include_revoked ? {} : { revokedAt: null };
  if (query.cursor && !(await db.apiKey.findUnique({ where: { id: query.cursor }, select: { id: true } }))) {
    throw new AppError("INVALID_INPUT", "cursor does not match any API key; start again without it");
  }
  const [rows, total] = await Promise.all([
    db.apiKey.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    }),
    db.apiKey.count({ where }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    object: "list",
    data: page.map(toApiKeyDto),
    total,
    next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
