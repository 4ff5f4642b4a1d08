import { getDb, type Prisma } from "../../db/client";
import type { ApiKeyDto, ListApiKeysQuery } from "../../schemas/api-key";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { cursorPage, type Page } from "../pagination/cursor-page";
import { toApiKeyDto } from "./api-key-dto";

export async function listApiKeys(actor: Actor, query: ListApiKeysQuery): Promise<Page<ApiKeyDto>> {
  authorize(actor, "api_keys:manage");
  const db = getDb();
  const where: Prisma.ApiKeyWhereInput = query.include_revoked ? {} : { revokedAt: null };
  return cursorPage({
    query,
    noun: "API key",
    cursorExists: async (id) => Boolean(await db.apiKey.findUnique({ where: { id }, select: { id: true } })),
    findMany: (window) =>
      db.apiKey.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...window }),
    count: () => db.apiKey.count({ where }),
    toDto: toApiKeyDto,
  });
}
