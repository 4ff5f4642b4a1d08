// GET /assistants/{assistant_id}/files/{file_id}/chunks: a stored file's chunks, page by page in
// the file's order, read back from the vector index of the first store that finished ingesting it:
// what retrieval searches. Chunk indexes run 0..n-1, so a page is a range of them and the cursor is
// the index of the last chunk of the previous page (no offset scan, stable while the file is).
import { getDb } from "../../../db/client";
import { AppError, notFound } from "../../../errors";
import type { FileChunkDto, FileChunkList, ListFileChunksQuery } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import type { StoredChunk } from "../index/vector-index";
import { getIndex, storeTable } from "../knowledge-adapters";
import { requireKnowledgeAccess } from "../require-knowledge-access";

function toChunkDto(chunk: StoredChunk): FileChunkDto {
  return {
    index: chunk.chunkIndex,
    // Indexed with the heading path in front (ingest-file.ts); shown apart, as before ingestion.
    text:
      chunk.heading && chunk.text.startsWith(`${chunk.heading}\n\n`)
        ? chunk.text.slice(chunk.heading.length + 2)
        : chunk.text,
    token_count: null,
    heading: chunk.heading,
    page: chunk.page,
  };
}

/** Where a page starts: after the chunk the cursor names, which must be one of the file's. */
function startAfter(cursor: string | undefined, chunkCount: number): number {
  if (cursor === undefined) return 0;
  const index = /^\d{1,9}$/.test(cursor) ? Number(cursor) : -1;
  if (index < 0 || index >= chunkCount) {
    throw new AppError(
      "INVALID_INPUT",
      "cursor does not match any chunk of this file; start again without it",
    );
  }
  return index + 1;
}

export async function listFileChunks(
  actor: Actor,
  assistantId: string,
  fileId: string,
  query: ListFileChunksQuery,
): Promise<FileChunkList> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  const file = await getDb().knowledgeFile.findFirst({
    where: { id: fileId, assistantId },
    include: { stores: { where: { status: "completed" }, orderBy: { completedAt: "asc" }, take: 1 } },
  });
  if (!file) throw notFound("File", fileId);
  const link = file.stores[0];
  const total = link?.chunkCount ?? 0;
  const from = startAfter(query.cursor, total);
  const stored = link
    ? await getIndex().fileChunks(
        storeTable({ id: link.vectorStoreId, generation: link.generation }),
        fileId,
        query.limit,
        from,
      )
    : [];
  const last = stored.at(-1);
  return {
    object: "list",
    data: stored.map(toChunkDto),
    total,
    next_cursor:
      last && stored.length === query.limit && last.chunkIndex + 1 < total ? String(last.chunkIndex) : null,
    file_id: fileId,
    vector_store_id: link?.vectorStoreId ?? null,
  };
}
