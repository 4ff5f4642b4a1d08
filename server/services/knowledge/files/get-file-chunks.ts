// The first chunks of a stored file, read back from the vector index of the first store that
// finished ingesting it: what retrieval searches, for the console's Knowledge tab to preview.
import { getDb } from "../../../db/client";
import { notFound } from "../../../errors";
import type { FileChunksDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { getIndex, storeTable } from "../knowledge-adapters";
import { requireKnowledgeAccess } from "../require-knowledge-access";

const PREVIEW_CHUNKS = 20;

export async function getFileChunks(
  actor: Actor,
  assistantId: string,
  fileId: string,
): Promise<FileChunksDto> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  const file = await getDb().knowledgeFile.findFirst({
    where: { id: fileId, assistantId },
    include: { stores: { where: { status: "completed" }, orderBy: { completedAt: "asc" }, take: 1 } },
  });
  if (!file) throw notFound("File", fileId);
  const link = file.stores[0];
  if (!link) return { file_id: fileId, vector_store_id: null, chunk_count: 0, chunks: [] };
  const table = storeTable({ id: link.vectorStoreId, generation: link.generation });
  const stored = await getIndex().fileChunks(table, fileId, PREVIEW_CHUNKS);
  return {
    file_id: fileId,
    vector_store_id: link.vectorStoreId,
    chunk_count: link.chunkCount,
    chunks: stored.map((chunk) => ({
      index: chunk.chunkIndex,
      // Indexed with the heading path in front (ingest-file.ts); shown apart, as before ingestion.
      text:
        chunk.heading && chunk.text.startsWith(`${chunk.heading}\n\n`)
          ? chunk.text.slice(chunk.heading.length + 2)
          : chunk.text,
      token_count: null,
      heading: chunk.heading,
      page: chunk.page,
    })),
  };
}
