// Maps knowledge rows to their public shapes. A file's status folds the ingestion jobs of the
// stores it is in: failed if any failed, in progress if any is still running, else completed.
import type { KnowledgeFile, VectorStore, VectorStoreFile } from "../../db/client";
import type { FileDto, VectorStoreDto, VectorStoreFileDto } from "../../schemas/knowledge";

type Job = Pick<
  VectorStoreFile,
  "vectorStoreId" | "status" | "stage" | "chunkCount" | "errorCode" | "errorMessage" | "usageBytes"
>;

const statusOrder = ["failed", "in_progress", "cancelled", "completed"] as const;

export function toFileDto(row: KnowledgeFile & { stores: Job[] }): FileDto {
  const worst = statusOrder.find((status) => row.stores.some((job) => job.status === status)) ?? "completed";
  const failed = row.stores.find((job) => job.status === "failed");
  const running = row.stores.find((job) => job.status === "in_progress");
  return {
    id: row.id,
    object: "file",
    assistant_id: row.assistantId,
    filename: row.filename,
    bytes: row.bytes,
    format: row.format as FileDto["format"],
    mime_type: row.mimeType,
    status: worst,
    stage: running?.stage ?? failed?.stage ?? "done",
    chunk_count: Math.max(0, ...row.stores.map((job) => job.chunkCount)),
    error: failed ? { code: failed.errorCode ?? "failed", message: failed.errorMessage ?? "" } : null,
    vector_store_ids: row.stores.map((job) => job.vectorStoreId),
    created_at: row.createdAt.toISOString(),
  };
}

export const fileWithJobs = {
  stores: {
    select: {
      vectorStoreId: true,
      status: true,
      stage: true,
      chunkCount: true,
      errorCode: true,
      errorMessage: true,
      usageBytes: true,
    },
    orderBy: { createdAt: "asc" },
  },
} as const;

export interface StoreCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  usageBytes: number;
}

/** `provider:model:dimension`, where the model name may itself contain colons. */
export function parseEmbeddingKey(key: string): VectorStoreDto["embedding"] {
  const parts = key.split(":");
  return { provider: parts[0] ?? "", model: parts.slice(1, -1).join(":"), dimension: Number(parts.at(-1)) };
}

export function toVectorStoreDto(row: VectorStore, counts: StoreCounts, now = new Date()): VectorStoreDto {
  const expired = row.expiresAt !== null && row.expiresAt <= now;
  return {
    id: row.id,
    object: "vector_store",
    assistant_id: row.assistantId,
    name: row.name,
    is_default: row.defaultFor !== null,
    status: expired ? "expired" : counts.in_progress > 0 ? "in_progress" : "completed",
    file_counts: {
      in_progress: counts.in_progress,
      completed: counts.completed,
      failed: counts.failed,
      cancelled: counts.cancelled,
      total: counts.in_progress + counts.completed + counts.failed + counts.cancelled,
    },
    usage_bytes: counts.usageBytes,
    chunking_strategy:
      row.chunkMaxTokens === null
        ? { type: "auto" }
        : {
            type: "static",
            static: {
              max_chunk_size_tokens: row.chunkMaxTokens,
              chunk_overlap_tokens: row.chunkOverlapTokens ?? 0,
            },
          },
    embedding: parseEmbeddingKey(row.embeddingKey),
    expires_after: row.expiresAfterDays ? { anchor: "last_active_at", days: row.expiresAfterDays } : null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    last_active_at: row.lastActiveAt.toISOString(),
    metadata: row.metadata as Record<string, string>,
    created_at: row.createdAt.toISOString(),
  };
}

export function toVectorStoreFileDto(
  row: VectorStoreFile & { file: Pick<KnowledgeFile, "filename"> },
): VectorStoreFileDto {
  return {
    id: row.fileId,
    object: "vector_store.file",
    vector_store_id: row.vectorStoreId,
    filename: row.file.filename,
    status: row.status,
    stage: row.stage,
    chunk_count: row.chunkCount,
    usage_bytes: row.usageBytes,
    last_error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? "" } : null,
    attributes: row.attributes as VectorStoreFileDto["attributes"],
    created_at: row.createdAt.toISOString(),
  };
}
