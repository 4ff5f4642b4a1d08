// The first chunks of a stored file, read back from the vector index of the first store that
// finished ingesting it: what retrieval searches, for the console's Knowledge tab to preview. The
// first page of listFileChunks (the REST endpoint), in the preview's shape.
import type { FileChunksDto } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { listFileChunks } from "./list-file-chunks";

const PREVIEW_CHUNKS = 20;

export async function getFileChunks(
  actor: Actor,
  assistantId: string,
  fileId: string,
): Promise<FileChunksDto> {
  const page = await listFileChunks(actor, assistantId, fileId, { limit: PREVIEW_CHUNKS });
  return {
    file_id: fileId,
    vector_store_id: page.vector_store_id,
    chunk_count: page.total,
    chunks: page.data,
  };
}
