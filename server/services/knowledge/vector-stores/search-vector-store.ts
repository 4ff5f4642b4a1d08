import { AppError } from "../../../errors";
import type { SearchResultsDto, SearchVectorStoreInput } from "../../../schemas/knowledge";
import type { Actor } from "../../access/actor";
import { searchPassages } from "../retrieval/search-passages";
import { requireKnowledgeAccess } from "../require-knowledge-access";
import { findStore } from "./get-vector-store";
import { touchStore } from "./touch-store";

export async function searchVectorStore(
  actor: Actor,
  assistantId: string,
  storeId: string,
  input: SearchVectorStoreInput,
): Promise<SearchResultsDto> {
  await requireKnowledgeAccess(actor, assistantId, "read");
  const store = await findStore(assistantId, storeId);
  if (store.expiresAt && store.expiresAt <= new Date()) {
    throw new AppError("CONFLICT", `Vector store '${storeId}' has expired`);
  }
  const passages = await searchPassages([store], {
    text: input.query,
    topK: input.top_k,
    threshold: input.score_threshold,
    mode: input.mode,
    fileIds: input.filters?.file_ids,
    attributes: input.filters?.attributes,
  });
  await touchStore(store);
  return {
    object: "vector_store.search_results.page",
    search_query: input.query,
    data: passages.map((passage) => ({
      file_id: passage.fileId,
      filename: passage.filename,
      chunk_index: passage.chunkIndex,
      score: passage.score,
      heading: passage.heading,
      page: passage.page,
      attributes: passage.attributes,
      content: [{ type: "text", text: passage.text }],
    })),
  };
}
