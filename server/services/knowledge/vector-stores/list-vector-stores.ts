import { getDb } from "../../../db/client";
import type { ListVectorStoresQuery, VectorStoreDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { cursorPage, type Page } from "../../pagination/cursor-page";
import { toVectorStoreDto } from "../knowledge-dto";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { countStoreFiles } from "./store-counts";

export async function listVectorStores(
  actor: Actor,
  assistantId: string,
  query: ListVectorStoresQuery,
): Promise<Page<VectorStoreDto>> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  const db = getDb();
  const page = await cursorPage({
    query,
    noun: "vector store",
    cursorExists: async (id) =>
      Boolean(await db.vectorStore.findFirst({ where: { id, assistantId }, select: { id: true } })),
    findMany: (window) =>
      db.vectorStore.findMany({
        where: { assistantId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
    count: () => db.vectorStore.count({ where: { assistantId } }),
    toDto: (row) => row,
  });
  const counts = await countStoreFiles(page.data.map((store) => store.id));
  return { ...page, data: page.data.map((store) => toVectorStoreDto(store, counts.get(store.id)!)) };
}
