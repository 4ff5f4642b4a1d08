// The store that files uploaded without a store go to: created on first use, one per assistant
// (the unique `defaultFor` column makes concurrent first uploads agree on the same one).
import { getDb, type VectorStore } from "../../../db/client";
import { newVectorStoreId } from "../knowledge-ids";
import { resolveEmbedder } from "../knowledge-adapters";

export async function ensureDefaultStore(assistantId: string): Promise<VectorStore> {
  const db = getDb();
  const existing = await db.vectorStore.findUnique({ where: { defaultFor: assistantId } });
  if (existing) return existing;
  const embedding = await resolveEmbedder();
  return db.vectorStore.upsert({
    where: { defaultFor: assistantId },
    update: {},
    create: {
      id: newVectorStoreId(),
      assistantId,
      defaultFor: assistantId,
      name: "Default",
      embeddingKey: embedding.key,
      embeddingDimension: embedding.dimension,
    },
  });
}
