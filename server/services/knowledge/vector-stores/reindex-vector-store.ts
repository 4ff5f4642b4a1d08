// Re-indexes a store: every file (or the ones named) goes through ingestion again. Re-indexing a
// whole store starts a new generation of its table, so vectors from an earlier embedder or
// chunking are never mixed with new ones; the old table is dropped at once (its vectors cannot be
// searched with the current embedder anyway).
import { getDb, type VectorStore } from "../../../db/client";
import { AppError } from "../../../errors";
import type { ReindexVectorStoreInput, VectorStoreDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { wakeIngestion } from "../ingestion/ingestion-worker";
import { resolveEmbedder } from "../knowledge-adapters";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { dropStoreTables } from "./delete-vector-store";
import { findStore, storeDto } from "./get-vector-store";
import { forgetAssistantStores } from "./assistant-stores";
import { recordAudit } from "../../audit/record-audit";

const requeued = {
  status: "in_progress",
  stage: "queued",
  attempts: 0,
  errorCode: null,
  errorMessage: null,
  chunkCount: 0,
  usageBytes: 0,
  lockedBy: null,
  lockedUntil: null,
  completedAt: null,
} as const;

/** A new generation for the whole store, written by the current embedder. */
export async function reindexStore(store: VectorStore): Promise<VectorStore> {
  const embedding = await resolveEmbedder();
  const generation = store.generation + 1;
  const updated = await getDb().$transaction(async (tx) => {
    const next = await tx.vectorStore.update({
      where: { id: store.id },
      data: { generation, embeddingKey: embedding.key, embeddingDimension: embedding.dimension },
    });
    await tx.vectorStoreFile.updateMany({
      where: { vectorStoreId: store.id },
      data: { ...requeued, generation },
    });
    return next;
  });
  forgetAssistantStores(store.assistantId);
  await dropStoreTables([store]);
  wakeIngestion();
  return updated;
}

export async function reindexVectorStore(
  actor: Actor,
  assistantId: string,
  storeId: string,
  input: ReindexVectorStoreInput,
): Promise<VectorStoreDto> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const store = await findStore(assistantId, storeId);
  await recordAudit({
    actor,
    action: "vector_store.reindex",
    target: { type: "vector_store", id: store.id },
    changes: { file_ids: input.file_ids ?? "all" },
  });
  if (!input.file_ids) return storeDto(await reindexStore(store));
  const fileIds = [...new Set(input.file_ids)];
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.vectorStoreFile.updateMany({
      where: { vectorStoreId: store.id, fileId: { in: fileIds } },
      data: requeued,
    });
    if (count !== fileIds.length) {
      throw new AppError("INVALID_INPUT", "file_ids: every file must be in this vector store");
    }
  });
  wakeIngestion();
  return storeDto(store);
}

/** At start-up: stores written by another embedder than the configured one are re-indexed. */
export async function reindexStoresOfOtherEmbedders(): Promise<number> {
  const { key } = await resolveEmbedder();
  const stale = await getDb().vectorStore.findMany({ where: { embeddingKey: { not: key } } });
  for (const store of stale) await reindexStore(store);
  return stale.length;
}
