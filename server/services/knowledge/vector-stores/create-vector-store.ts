// Creates a vector store, optionally with files of the same assistant already in it (their
// ingestion is queued at once). The store records the embedder that will write its vectors.
import { getDb } from "../../../db/client";
import { AppError } from "../../../errors";
import type { CreateVectorStoreInput, VectorStoreDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { wakeIngestion } from "../ingestion/ingestion-worker";
import { newVectorStoreFileId, newVectorStoreId } from "../knowledge-ids";
import { resolveEmbedder } from "../knowledge-adapters";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { storeDto } from "./get-vector-store";
import { forgetAssistantStores } from "./assistant-stores";
import { recordAudit } from "../../audit/record-audit";

export async function createVectorStore(
  actor: Actor,
  assistantId: string,
  input: CreateVectorStoreInput,
): Promise<VectorStoreDto> {
  await requireKnowledgeAccess(actor, assistantId, "write");
  const db = getDb();
  const fileIds = [...new Set(input.file_ids)];
  const found = await db.knowledgeFile.count({ where: { id: { in: fileIds }, assistantId } });
  if (found !== fileIds.length) {
    throw new AppError("INVALID_INPUT", "file_ids: every file must belong to this assistant");
  }
  const embedding = await resolveEmbedder();
  const id = newVectorStoreId();
  const now = new Date();
  const days = input.expires_after?.days ?? null;
  const store = await db.vectorStore.create({
    data: {
      id,
      assistantId,
      name: input.name,
      chunkMaxTokens:
        input.chunking_strategy.type === "static"
          ? input.chunking_strategy.static.max_chunk_size_tokens
          : null,
      chunkOverlapTokens:
        input.chunking_strategy.type === "static"
          ? input.chunking_strategy.static.chunk_overlap_tokens
          : null,
      embeddingKey: embedding.key,
      embeddingDimension: embedding.dimension,
      expiresAfterDays: days,
      expiresAt: days ? new Date(now.getTime() + days * 86_400_000) : null,
      lastActiveAt: now,
      metadata: input.metadata,
      files: {
        create: fileIds.map((fileId) => ({ id: newVectorStoreFileId(), fileId, assistantId })),
      },
    },
  });
  forgetAssistantStores(assistantId);
  if (fileIds.length > 0) wakeIngestion();
  const created = await storeDto(store);
  await recordAudit({
    actor,
    action: "vector_store.create",
    target: { type: "vector_store", id },
    changes: { after: created },
  });
  return created;
}
