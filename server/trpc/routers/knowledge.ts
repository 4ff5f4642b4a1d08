import { z } from "zod";
import { idSlugSchema } from "../../schemas/common";
import {
  addVectorStoreFileInputSchema,
  createVectorStoreInputSchema,
  fileParamsSchema,
  listFilesQuerySchema,
  listVectorStoreFilesQuerySchema,
  listVectorStoresQuerySchema,
  reindexVectorStoreInputSchema,
  searchVectorStoreInputSchema,
  updateVectorStoreInputSchema,
  vectorStoreParamsSchema,
} from "../../schemas/knowledge";
import { deleteFile } from "../../services/knowledge/files/delete-file";
import { getFile } from "../../services/knowledge/files/get-file";
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
    .query(({ ctx, input }) => listFiles(ctx.actor, input.assistantId, input.query)),
  file: protectedProcedure
    .input(file)
    .query(({ ctx, input }) => getFile(ctx.actor, input.assistantId, input.fileId)),
  deleteFile: protectedProcedure
    .input(file)
    .mutation(({ ctx, input }) => deleteFile(ctx.actor, input.assistantId, input.fileId)),
  stores: protectedProcedure
    .input(assistant.extend({ query: listVectorStoresQuerySchema }))
    .query(({ ctx, input }) => listVectorStores(ctx.actor, input.assistantId, input.query)),
  store: protectedProcedure
    .input(store)
    .query(({ ctx, input }) => getVectorStore(ctx.actor, input.assistantId, input.storeId)),
  createStore: protectedProcedure
    .input(assistant.extend({ store: createVectorStoreInputSchema }))
    .mutation(({ ctx, input }) => createVectorStore(ctx.actor, input.assistantId, input.store)),
  updateStore: protectedProcedure
    .input(store.extend({ changes: updateVectorStoreInputSchema }))
    .mutation(({ ctx, input }) =>
      updateVectorStore(ctx.actor, input.assistantId, input.storeId, input.changes),
    ),
  deleteStore: protectedProcedure
    .input(store)
    .mutation(({ ctx, input }) => deleteVectorStore(ctx.actor, input.assistantId, input.storeId)),
  storeFiles: protectedProcedure
    .input(store.extend({ query: listVectorStoreFilesQuerySchema }))
    .query(({ ctx, input }) =>
      listVectorStoreFiles(ctx.actor, input.assistantId, input.storeId, input.query),
    ),
  addStoreFile: protectedProcedure
    .input(store.extend({ file: addVectorStoreFileInputSchema }))
    .mutation(({ ctx, input }) =>
      addVectorStoreFile(ctx.actor, input.assistantId, input.storeId, input.file),
    ),
  removeStoreFile: protectedProcedure
    .input(store.extend({ fileId: fileParamsSchema.shape.file_id }))
    .mutation(({ ctx, input }) =>
      removeVectorStoreFile(ctx.actor, input.assistantId, input.storeId, input.fileId),
    ),
  reindex: protectedProcedure
    .input(store.extend({ files: reindexVectorStoreInputSchema }))
    .mutation(({ ctx, input }) =>
      reindexVectorStore(ctx.actor, input.assistantId, input.storeId, input.files),
    ),
  search: protectedProcedure
    .input(store.extend({ search: searchVectorStoreInputSchema }))
    .mutation(({ ctx, input }) =>
      searchVectorStore(ctx.actor, input.assistantId, input.storeId, input.search),
    ),
});
