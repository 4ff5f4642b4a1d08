import { getDb, type VectorStore } from "../../../db/client";
import { notFound } from "../../../errors";
import type { VectorStoreDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { toVectorStoreDto } from "../knowledge-dto";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { countStoreFiles } from "./store-counts";

export async function findStore(assistantId: string, storeId: string): Promise<VectorStore> {
  const store = await getDb().vectorStore.findFirst({ where: { id: storeId, assistantId } });
  if (!store) throw notFound("Vector store", storeId);
  return store;
}

export async function storeDto(store: VectorStore): Promise<VectorStoreDto> {
  const counts = await countStoreFiles([store.id]);
  return toVectorStoreDto(store, counts.get(store.id)!);
}

export async function getVectorStore(
  actor: Actor,
  assistantId: string,
  storeId: string,
): Promise<VectorStoreDto> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  return storeDto(await findStore(assistantId, storeId));
}
