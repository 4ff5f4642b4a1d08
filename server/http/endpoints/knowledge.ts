import { assistantIdParamsSchema } from "../../schemas/assistant";
import {
  addVectorStoreFileInputSchema,
  createVectorStoreInputSchema,
  fileChunkListSchema,
  fileDeletedSchema,
  fileListSchema,
  fileParamsSchema,
  fileSchema,
  fileUploadFormSchema,
  fileUploadResultSchema,
  listFileChunksQuerySchema,
  listFilesQuerySchema,
  listVectorStoreFilesQuerySchema,
  listVectorStoresQuerySchema,
  reindexVectorStoreInputSchema,
  searchResultsSchema,
  searchVectorStoreInputSchema,
  updateVectorStoreInputSchema,
  vectorStoreDeletedSchema,
  vectorStoreFileDeletedSchema,
  vectorStoreFileListSchema,
  vectorStoreFileParamsSchema,
  vectorStoreFileSchema,
  vectorStoreListSchema,
  vectorStoreParamsSchema,
  vectorStoreSchema,
} from "../../schemas/knowledge";
import { defineEndpoint } from "../endpoint";

const tag = "Knowledge";
const access = ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "INVALID_INPUT"] as const;
const body = ["UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"] as const;

export const uploadFilesEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/files",
  summary: "Upload knowledge files",
  description:
    "multipart/form-data with one or more `file` parts, and optionally `vector_store_id` (else the assistant's " +
    "default store) and `attributes` (a JSON object for search filters). Types are judged by content: PDF, DOCX, " +
    "XLSX, HTML, Markdown, text, CSV, JSON. One bad file (unsupported type 415, empty 400, over the size limit " +
    "413) refuses the whole upload. Ingestion then runs in the background: poll the file's `status`; a document " +
    "that cannot be read (encrypted, corrupt, a zip bomb, a parser timeout) ends `failed` with the reason.",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  multipart: fileUploadFormSchema,
  response: fileUploadResultSchema,
  status: 201,
  errors: [...access, ...body, "CONFLICT"],
});

export const listFilesEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/files",
  summary: "List knowledge files",
  description: "Newest first, with ingestion status, stage, chunk count and error.",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  query: listFilesQuerySchema,
  response: fileListSchema,
  errors: [...access],
});

export const getFileEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/files/{file_id}",
  summary: "Get a knowledge file's status",
  tag,
  auth: "runtime",
  params: fileParamsSchema,
  response: fileSchema,
  errors: [...access],
});

export const listFileChunksEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/files/{file_id}/chunks",
  summary: "List a knowledge file's chunks as indexed",
  description:
    "The chunks retrieval searches, in the file's order, read from the first vector store that finished " +
    "ingesting the file (`vector_store_id`; null, with no chunks, before any has). `total` is the file's chunk " +
    "count; pages of `limit` follow `next_cursor`.",
  tag,
  auth: "runtime",
  params: fileParamsSchema,
  query: listFileChunksQuerySchema,
  response: fileChunkListSchema,
  errors: [...access],
});

export const deleteFileEndpoint = defineEndpoint({
  method: "delete",
  path: "/assistants/{assistant_id}/files/{file_id}",
  summary: "Delete a knowledge file",
  description:
    "Removes the file from every vector store with all its vectors, and its stored bytes when no other file shares them.",
  tag,
  auth: "runtime",
  params: fileParamsSchema,
  response: fileDeletedSchema,
  errors: [...access],
});

export const createVectorStoreEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/vectorstores",
  summary: "Create a vector store",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  body: createVectorStoreInputSchema,
  response: vectorStoreSchema,
  status: 201,
  errors: [...access, ...body],
});

export const listVectorStoresEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/vectorstores",
  summary: "List vector stores",
  tag,
  auth: "runtime",
  params: assistantIdParamsSchema,
  query: listVectorStoresQuerySchema,
  response: vectorStoreListSchema,
  errors: [...access],
});

export const getVectorStoreEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}",
  summary: "Get a vector store",
  tag,
  auth: "runtime",
  params: vectorStoreParamsSchema,
  response: vectorStoreSchema,
  errors: [...access],
});

export const updateVectorStoreEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}",
  summary: "Update a vector store (name, expiry, metadata)",
  tag,
  auth: "runtime",
  params: vectorStoreParamsSchema,
  body: updateVectorStoreInputSchema,
  response: vectorStoreSchema,
  errors: [...access, ...body],
});

export const deleteVectorStoreEndpoint = defineEndpoint({
  method: "delete",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}",
  summary: "Delete a vector store",
  description: "Removes the store and its vectors; its files stay with the assistant.",
  tag,
  auth: "runtime",
  params: vectorStoreParamsSchema,
  response: vectorStoreDeletedSchema,
  errors: [...access],
});

export const listVectorStoreFilesEndpoint = defineEndpoint({
  method: "get",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}/files",
  summary: "List the files of a vector store",
  tag,
  auth: "runtime",
  params: vectorStoreParamsSchema,
  query: listVectorStoreFilesQuerySchema,
  response: vectorStoreFileListSchema,
  errors: [...access],
});

export const addVectorStoreFileEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}/files",
  summary: "Add a file of the assistant to a vector store",
  tag,
  auth: "runtime",
  params: vectorStoreParamsSchema,
  body: addVectorStoreFileInputSchema,
  response: vectorStoreFileSchema,
  status: 201,
  errors: [...access, ...body, "CONFLICT"],
});

export const removeVectorStoreFileEndpoint = defineEndpoint({
  method: "delete",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}/files/{file_id}",
  summary: "Remove a file from a vector store",
  description: "Removes its vectors from the store; the file stays with the assistant.",
  tag,
  auth: "runtime",
  params: vectorStoreFileParamsSchema,
  response: vectorStoreFileDeletedSchema,
  errors: [...access],
});

export const reindexVectorStoreEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}/reindex",
  summary: "Re-index a vector store, or some of its files",
  tag,
  auth: "runtime",
  params: vectorStoreParamsSchema,
  body: reindexVectorStoreInputSchema,
  response: vectorStoreSchema,
  errors: [...access, ...body],
});

export const searchVectorStoreEndpoint = defineEndpoint({
  method: "post",
  path: "/assistants/{assistant_id}/vectorstores/{vector_store_id}/search",
  summary: "Search a vector store",
  description:
    "Hybrid by default: vector similarity and BM25 full text, blended (half the cosine, half the BM25 relative " +
    "to the best). `score` is the passage's relevance (0-1) that `score_threshold` applies to.",
  tag,
  auth: "runtime",
  params: vectorStoreParamsSchema,
  body: searchVectorStoreInputSchema,
  response: searchResultsSchema,
  errors: [...access, ...body, "CONFLICT"],
});
