// The store that files uploaded without a store go to: created on first use, one per assistant.
// The unique `defaultFor` column makes concurrent first uploads agree: the ones that lose the
// race to create it read the winner's.
import { getDb, type VectorStore } from "../../../db/client";
import { isUniqueViolation } from "../../../errors";
import { newVectorStoreId } from "../knowledge-ids";
import { resolveEmbedder } from "../knowledge-adapters";
import { forgetAssistantStores } from "./assistant-stores";

export async function ensureDefaultStore(assistantId: string): Promise<VectorStore> {
  const db = getDb();
  const existing = await db.vectorStore.findUnique({ where: { defaultFor: assistantId } });
  if (existing) return existing;
  const embedding = await resolveEmbedder();
  try {
    const created = await db.vectorStore.create({
      data: {
        id: newVectorStoreId(),
        assistantId,
        defaultFor: assistantId,
        name: "Default",
        embeddingKey: embedding.key,
        embeddingDimension: embedding.dimension,
      },
    });
    forgetAssistantStores(assistantId);
    return created;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.vectorStore.findUniqueOrThrow({ where: { defaultFor: assistantId } });
  }
}
