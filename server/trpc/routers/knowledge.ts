import { z } from "zod";
import { idSlugSchema } from "../../schemas/common";
import {
  addVectorStoreFileInputSchema,
  createVectorStoreInputSchema,
  fileChunksSchema,
  fileDeletedSchema,
  fileListSchema,
  fileParamsSchema,
  fileSchema,
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
  vectorStoreFileSchema,
  vectorStoreListSchema,
  vectorStoreParamsSchema,
  vectorStoreSchema,
} from "../../schemas/knowledge";
import { deleteFile } from "../../services/knowledge/files/delete-file";
import { getFile } from "../../services/knowledge/files/get-file";
import { getFileChunks } from "../../services/knowledge/files/get-file-chunks";
import { listFiles } from "../../services/knowledge/files/list-files";
import { addVectorStoreFile } from "../../services/knowledge/vector-stores/add-vector-store-file";
import { createVectorStore } from "../../services/knowledge/vector-stores/create-vector-store";
import { deleteVectorStore } from "../../services/knowledge/vector-stores/delete-vector-store";
import { getVectorStore } from "../../services/knowledge/vector-stores/get-vector-store";
import { listVectorStoreFiles } from "../../services/knowledge/vector-stores/list-vector-store-files";
import { listVectorStores } from "../../services/knowledge/vector-stores/list-vector-stores";
import { reindexVectorStore } from "../../services/knowledge/vector-stores/reindex-vector-store";
import { removeVectorStoreFile } from "../../services/knowledge/vector-stores/remove-vector-store-file";
import { searchVectorStore } from "../../services/knowledge/vector-stores/search-vector-store";
import { updateVectorStore } from "../../services/knowledge/vector-stores/update-vector-store";
import { protectedProcedure, router } from "../init";

// Uploads go through the REST endpoint (multipart, streamed to disk); everything else is here.
const assistant = z.object({ assistantId: idSlugSchema });
const file = z.object({ assistantId: idSlugSchema, fileId: fileParamsSchema.shape.file_id });
const store = z.object({ assistantId: idSlugSchema, storeId: vectorStoreParamsSchema.shape.vector_store_id });

export const knowledgeRouter = router({
  files: protectedProcedure
    .input(assistant.extend({ query: listFilesQuerySchema }))
    .output(fileListSchema)
    .query(({ ctx, input }) => listFiles(ctx.actor, input.assistantId, input.query)),
  file: protectedProcedure
    .input(file)
    .output(fileSchema)
    .query(({ ctx, input }) => getFile(ctx.actor, input.assistantId, input.fileId)),
  fileChunks: protectedProcedure
    .input(file)
    .output(fileChunksSchema)
    .query(({ ctx, input }) => getFileChunks(ctx.actor, input.assistantId, input.fileId)),
  deleteFile: protectedProcedure
    .input(file)
    .output(fileDeletedSchema)
    .mutation(({ ctx, input }) => deleteFile(ctx.actor, input.assistantId, input.fileId)),
  stores: protectedProcedure
    .input(assistant.extend({ query: listVectorStoresQuerySchema }))
    .output(vectorStoreListSchema)
    .query(({ ctx, input }) => listVectorStores(ctx.actor, input.assistantId, input.query)),
  store: protectedProcedure
    .input(store)
    .output(vectorStoreSchema)
    .query(({ ctx, input }) => getVectorStore(ctx.actor, input.assistantId, input.storeId)),
  createStore: protectedProcedure
    .input(assistant.extend({ store: createVectorStoreInputSchema }))
    .output(vectorStoreSchema)
    .mutation(({ ctx, input }) => createVectorStore(ctx.actor, input.assistantId, input.store)),
  updateStore: protectedProcedure
    .input(store.extend({ changes: updateVectorStoreInputSchema }))
    .output(vectorStoreSchema)
    .mutation(({ ctx, input }) =>
      updateVectorStore(ctx.actor, input.assistantId, input.storeId, input.changes),
    ),
  deleteStore: protectedProcedure
    .input(store)
    .output(vectorStoreDeletedSchema)
    .mutation(({ ctx, input }) => deleteVectorStore(ctx.actor, input.assistantId, input.storeId)),
  storeFiles: protectedProcedure
    .input(store.extend({ query: listVectorStoreFilesQuerySchema }))
    .output(vectorStoreFileListSchema)
    .query(({ ctx, input }) =>
      listVectorStoreFiles(ctx.actor, input.assistantId, input.storeId, input.query),
    ),
  addStoreFile: protectedProcedure
    .input(store.extend({ file: addVectorStoreFileInputSchema }))
    .output(vectorStoreFileSchema)
    .mutation(({ ctx, input }) =>
      addVectorStoreFile(ctx.actor, input.assistantId, input.storeId, input.file),
    ),
  removeStoreFile: protectedProcedure
    .input(store.extend({ fileId: fileParamsSchema.shape.file_id }))
    .output(vectorStoreFileDeletedSchema)
    .mutation(({ ctx, input }) =>
      removeVectorStoreFile(ctx.actor, input.assistantId, input.storeId, input.fileId),
    ),
  reindex: protectedProcedure
    .input(store.extend({ files: reindexVectorStoreInputSchema }))
    .output(vectorStoreSchema)
    .mutation(({ ctx, input }) =>
      reindexVectorStore(ctx.actor, input.assistantId, input.storeId, input.files),
    ),
  search: protectedProcedure
    .input(store.extend({ search: searchVectorStoreInputSchema }))
    .output(searchResultsSchema)
    .mutation(({ ctx, input }) =>
      searchVectorStore(ctx.actor, input.assistantId, input.storeId, input.search),
    ),
});
