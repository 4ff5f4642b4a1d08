import { getDb, type Prisma } from "../../../db/client";
import type { ListVectorStoreFilesQuery, VectorStoreFileDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { cursorPage, type Page } from "../../pagination/cursor-page";
import { toVectorStoreFileDto } from "../knowledge-dto";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { findStore } from "./get-vector-store";

export async function listVectorStoreFiles(
  actor: Actor,
  assistantId: string,
  storeId: string,
  query: ListVectorStoreFilesQuery,
): Promise<Page<VectorStoreFileDto>> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  const store = await findStore(assistantId, storeId);
  const db = getDb();
  const where: Prisma.VectorStoreFileWhereInput = {
    vectorStoreId: store.id,
    ...(query.status ? { status: query.status } : {}),
  };
  // The cursor is the file id, as the items' `id` is; pages walk the job rows behind them.
  const page = await cursorPage({
    query: {
      limit: query.limit,
      cursor: query.cursor
        ? ((await db.vectorStoreFile.findFirst({ where: { vectorStoreId: store.id, fileId: query.cursor } }))
            ?.id ?? query.cursor)
        : undefined,
    },
    noun: "file of this store",
    cursorExists: async (id) =>
      Boolean(await db.vectorStoreFile.findFirst({ where: { id, vectorStoreId: store.id } })),
    findMany: (window) =>
      db.vectorStoreFile.findMany({
        where,
        include: { file: { select: { filename: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
    count: () => db.vectorStoreFile.count({ where }),
    toDto: (row) => row,
  });
  return {
    ...page,
    data: page.data.map(toVectorStoreFileDto),
    next_cursor: page.next_cursor ? (page.data.at(-1)?.fileId ?? null) : null,
  };
}
