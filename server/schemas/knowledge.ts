// Knowledge schemas: files, vector stores and their search, as the REST API, the console and the
// OpenAPI document see them. Shapes follow OpenAI's vector stores where they fit.
import { z } from "zod";
import {
  assistantSchema,
  createAssistantAutoInputSchema,
  createAssistantInputSchema,
  suggestedQuestionsSchema,
} from "./assistant";
import {
  cursorSchema,
  deletedSchema,
  limitSchema,
  listSchema,
  metadataSchema,
  timestampSchema,
} from "./common";

export const documentFormats = ["pdf", "docx", "xlsx", "html", "markdown", "text", "csv", "json"] as const;
export const ingestionStatusSchema = z.enum(["in_progress", "completed", "failed", "cancelled"]);
export const ingestionStageSchema = z
  .enum(["queued", "parsing", "chunking", "embedding", "indexing", "done"])
  .meta({
    description: "Where the file's ingestion job is: queued, parsing, chunking, embedding, indexing, done.",
  });

const fileIdSchema = z
  .string()
  .regex(/^file_[a-f0-9]{24}$/, "must be a file id (file_…)")
  .meta({ description: "A file id." });
const vectorStoreIdSchema = z
  .string()
  .regex(/^vs_[a-f0-9]{24}$/, "must be a vector store id (vs_…)")
  .meta({ description: "A vector store id." });
const assistantIdParam = z.string().min(1).max(64);

const errorSchema = z.object({ code: z.string(), message: z.string() });

const attributeValueSchema = z.union([z.string().max(512), z.number(), z.boolean()]);
export const fileAttributesSchema = z
  .record(z.string().min(1).max(64), attributeValueSchema)
  .refine((value) => Object.keys(value).length <= 16, "attributes hold at most 16 pairs")
  .meta({
    id: "FileAttributes",
    description: "Up to 16 key-value pairs (string, number or boolean) that searches can filter on.",
  });

export const fileSchema = z
  .object({
    id: z.string(),
    object: z.literal("file"),
    assistant_id: z.string(),
    filename: z.string(),
    bytes: z.number().int(),
    format: z.enum(documentFormats).meta({ description: "Detected from the content, not the name." }),
    mime_type: z.string(),
    status: ingestionStatusSchema.meta({
      description: "Ingestion status over the file's vector stores: failed or in_progress if any is.",
    }),
    stage: ingestionStageSchema,
    chunk_count: z.number().int(),
    error: errorSchema.nullable().meta({ description: "Why ingestion failed, when it did." }),
    vector_store_ids: z.array(z.string()),
    created_at: timestampSchema,
  })
  .meta({ id: "File" });
export type FileDto = z.infer<typeof fileSchema>;

export const fileListSchema = listSchema(fileSchema).meta({ id: "FileList" });
export const fileUploadResultSchema = z
  .object({ object: z.literal("list"), data: z.array(fileSchema) })
  .meta({ id: "FileUploadResult" });
export const fileDeletedSchema = deletedSchema("file.deleted").meta({ id: "FileDeleted" });

export const fileParamsSchema = z.object({ assistant_id: assistantIdParam, file_id: fileIdSchema });

export const listFilesQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema,
  vector_store_id: vectorStoreIdSchema.optional().meta({ description: "Only the files of this store." }),
  status: ingestionStatusSchema.optional(),
});
export type ListFilesQuery = z.infer<typeof listFilesQuerySchema>;

/**
 * A form field that carries JSON (multipart fields are text): parsed, then validated as `schema`,
 * so a mistake is reported at the field, as in a JSON body.
 */
export function jsonFieldSchema<T extends z.ZodType>(schema: T, what: string) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: `must be ${what}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/**
 * The multipart upload of knowledge files: the files, and fields saying where they go. The REST
 * edge validates the fields with it (server/http/handle.ts) and the document shows it.
 */
export const fileUploadFormSchema = z
  .strictObject({
    file: z.array(z.string().meta({ format: "binary" })).meta({
      description:
        "One or more files (repeat the `file` field). PDF, DOCX, XLSX, HTML, Markdown, text, CSV, JSON.",
    }),
    vector_store_id: vectorStoreIdSchema
      .optional()
      .meta({ description: "Store for the files (default store if absent)." }),
    attributes: jsonFieldSchema(fileAttributesSchema, "a JSON object")
      .optional()
      .meta({ description: "JSON object of file attributes for search filters." }),
  })
  .meta({ id: "FileUploadForm" });
/** The upload's fields besides the files, validated. */
export type UploadFields = Omit<z.output<typeof fileUploadFormSchema>, "file">;

const staticChunkingSchema = z
  .strictObject({
    max_chunk_size_tokens: z.number().int().min(100).max(4096),
    chunk_overlap_tokens: z.number().int().min(0),
  })
  .refine((value) => value.chunk_overlap_tokens <= value.max_chunk_size_tokens / 2, {
    message: "chunk_overlap_tokens must be at most half of max_chunk_size_tokens",
    path: ["chunk_overlap_tokens"],
  });
export const chunkingStrategySchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("auto") }),
    z.strictObject({ type: z.literal("static"), static: staticChunkingSchema }),
  ])
  .meta({
    id: "ChunkingStrategy",
    description:
      "`auto`: the assistant's chunking settings (800 tokens with 400 overlap unless changed). `static`: " +
      "max_chunk_size_tokens 100-4096, chunk_overlap_tokens at most half of it.",
  });
export type ChunkingStrategy = z.infer<typeof chunkingStrategySchema>;

const expiresAfterSchema = z
  .strictObject({ anchor: z.literal("last_active_at"), days: z.number().int().min(1).max(365) })
  .meta({ id: "ExpiresAfter", description: "The store expires this many days after it was last used." });

const fileCountsSchema = z.object({
  in_progress: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  total: z.number().int(),
});

export const vectorStoreSchema = z
  .object({
    id: z.string(),
    object: z.literal("vector_store"),
    assistant_id: z.string(),
    name: z.string(),
    is_default: z.boolean().meta({ description: "Files uploaded without a store go here." }),
    status: z.enum(["in_progress", "completed", "expired"]),
    file_counts: fileCountsSchema,
    usage_bytes: z.number().int().meta({ description: "Bytes of indexed chunk text." }),
    chunking_strategy: chunkingStrategySchema,
    embedding: z.object({ provider: z.string(), model: z.string(), dimension: z.number().int() }),
    expires_after: expiresAfterSchema.nullable(),
    expires_at: timestampSchema.nullable(),
    last_active_at: timestampSchema,
    metadata: metadataSchema,
    created_at: timestampSchema,
  })
  .meta({ id: "VectorStore" });
export type VectorStoreDto = z.infer<typeof vectorStoreSchema>;

export const vectorStoreListSchema = listSchema(vectorStoreSchema).meta({ id: "VectorStoreList" });
export const vectorStoreDeletedSchema = deletedSchema("vector_store.deleted").meta({
  id: "VectorStoreDeleted",
});

export const vectorStoreParamsSchema = z.object({
  assistant_id: assistantIdParam,
  vector_store_id: vectorStoreIdSchema,
});
export const vectorStoreFileParamsSchema = vectorStoreParamsSchema.extend({ file_id: fileIdSchema });

export const createVectorStoreInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).default("Knowledge"),
    file_ids: z.array(fileIdSchema).max(500).default([]).meta({
      description: "Files of this assistant to add to the new store.",
    }),
    chunking_strategy: chunkingStrategySchema.default({ type: "auto" }),
    expires_after: expiresAfterSchema.nullable().default(null),
    metadata: metadataSchema.default({}),
  })
  .meta({ id: "CreateVectorStoreInput" });
export type CreateVectorStoreInput = z.infer<typeof createVectorStoreInputSchema>;

export const updateVectorStoreInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    expires_after: expiresAfterSchema.nullable(),
    metadata: metadataSchema,
  })
  .partial()
  .meta({ id: "UpdateVectorStoreInput" });
export type UpdateVectorStoreInput = z.infer<typeof updateVectorStoreInputSchema>;

export const listVectorStoresQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
export type ListVectorStoresQuery = z.infer<typeof listVectorStoresQuerySchema>;

export const vectorStoreFileSchema = z
  .object({
    id: z.string().meta({ description: "The file id." }),
    object: z.literal("vector_store.file"),
    vector_store_id: z.string(),
    filename: z.string(),
    status: ingestionStatusSchema,
    stage: ingestionStageSchema,
    chunk_count: z.number().int(),
    usage_bytes: z.number().int(),
    last_error: errorSchema.nullable(),
    attributes: fileAttributesSchema,
    created_at: timestampSchema,
  })
  .meta({ id: "VectorStoreFile" });
export type VectorStoreFileDto = z.infer<typeof vectorStoreFileSchema>;

export const vectorStoreFileListSchema = listSchema(vectorStoreFileSchema).meta({
  id: "VectorStoreFileList",
});
export const vectorStoreFileDeletedSchema = deletedSchema("vector_store.file.deleted").meta({
  id: "VectorStoreFileDeleted",
});

export const listVectorStoreFilesQuerySchema = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema,
  status: ingestionStatusSchema.optional(),
});
export type ListVectorStoreFilesQuery = z.infer<typeof listVectorStoreFilesQuerySchema>;

export const addVectorStoreFileInputSchema = z
  .strictObject({ file_id: fileIdSchema, attributes: fileAttributesSchema.default({}) })
  .meta({ id: "AddVectorStoreFileInput" });
export type AddVectorStoreFileInput = z.infer<typeof addVectorStoreFileInputSchema>;

export const reindexVectorStoreInputSchema = z
  .strictObject({
    file_ids: z.array(fileIdSchema).max(500).optional().meta({
      description: "Only these files; every file of the store when absent.",
    }),
  })
  .meta({ id: "ReindexVectorStoreInput" });
export type ReindexVectorStoreInput = z.infer<typeof reindexVectorStoreInputSchema>;

export const searchModeSchema = z.enum(["hybrid", "vector", "fulltext"]).meta({
  description: "`hybrid` (default): vector similarity and BM25 full text blended; or one of them alone.",
});

export const searchVectorStoreInputSchema = z
  .strictObject({
    query: z.string().trim().min(1).max(4000),
    top_k: z.number().int().min(1).max(50).default(10),
    score_threshold: z.number().min(0).max(1).default(0).meta({
      description: "Only passages whose relevance `score` (0-1) is at least this.",
    }),
    mode: searchModeSchema.default("hybrid"),
    filters: z
      .strictObject({
        file_ids: z.array(fileIdSchema).max(100).optional(),
        attributes: z
          .record(z.string().min(1).max(64), attributeValueSchema)
          .optional()
          .meta({ description: "Exact matches on file attributes, all of which must hold." }),
      })
      .optional(),
  })
  .meta({ id: "SearchVectorStoreInput" });
export type SearchVectorStoreInput = z.infer<typeof searchVectorStoreInputSchema>;

export const searchResultSchema = z
  .object({
    file_id: z.string(),
    filename: z.string(),
    chunk_index: z.number().int(),
    score: z.number().meta({
      description:
        "Relevance 0-1: the cosine similarity of the embeddings; with the built-in hash embedder, the geometric " +
        "mean of the share of the query's words the passage contains and its cosine scaled to 0.4.",
    }),
    heading: z.string().nullable(),
    page: z.number().int().nullable(),
    attributes: fileAttributesSchema,
    content: z.array(z.object({ type: z.literal("text"), text: z.string() })),
  })
  .meta({ id: "SearchResult" });
export type SearchResultDto = z.infer<typeof searchResultSchema>;

export const searchResultsSchema = z
  .object({
    object: z.literal("vector_store.search_results.page"),
    search_query: z.string(),
    data: z.array(searchResultSchema),
  })
  .meta({ id: "SearchResults" });
export type SearchResultsDto = z.infer<typeof searchResultsSchema>;

const autoSettings = createAssistantAutoInputSchema.shape;

/** POST /admin/assistants/auto from files: their fields are validated as the JSON body's are. */
export const autoAssistantFormSchema = z
  .strictObject({
    file: z
      .array(z.string().meta({ format: "binary" }))
      .meta({ description: "One or more knowledge files." }),
    name: autoSettings.name.meta({ description: "Derived from the files when absent." }),
    description: autoSettings.description.meta({ description: "Derived from the files when absent." }),
    instructions: autoSettings.instructions,
    model: autoSettings.model,
    id: createAssistantInputSchema.shape.id.optional().meta({
      description:
        "The id to create (as a draft proposed it); derived from the name when absent, with a suffix only if taken.",
    }),
    suggested_questions: jsonFieldSchema(suggestedQuestionsSchema, "a JSON array of strings")
      .optional()
      .meta({ description: "JSON array of up to 5 starter questions." }),
  })
  .meta({ id: "AutoAssistantForm" });
/** The form's fields besides the files, validated. */
export type AutoAssistantFields = Omit<z.output<typeof autoAssistantFormSchema>, "file">;

export const autoAssistantResultSchema = assistantSchema
  .extend({
    vector_store_id: z
      .string()
      .nullable()
      .meta({ description: "The store built from the uploaded files (null without files)." }),
    files: z.array(fileSchema).meta({ description: "The uploaded files, queued for ingestion." }),
  })
  .meta({ id: "AutoAssistant" });
export type AutoAssistantResult = z.infer<typeof autoAssistantResultSchema>;

export const fileChunkSchema = z
  .object({
    index: z.number().int().meta({ description: "The chunk's place in the file, from 0." }),
    text: z.string(),
    token_count: z.null().meta({ description: "Not stored with the chunk." }),
    heading: z.string().nullable().meta({ description: "The heading path the chunk is under." }),
    page: z.number().int().nullable().meta({ description: "The PDF page it starts on." }),
  })
  .meta({ id: "FileChunk" });
export type FileChunkDto = z.infer<typeof fileChunkSchema>;

export const fileChunksSchema = z
  .object({
    file_id: z.string(),
    vector_store_id: z.string().nullable().meta({ description: "The store the chunks were read from." }),
    chunk_count: z.number().int(),
    chunks: z.array(fileChunkSchema),
  })
  .meta({ id: "FileChunks" });
export type FileChunksDto = z.infer<typeof fileChunksSchema>;

export const listFileChunksQuerySchema = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
export type ListFileChunksQuery = z.infer<typeof listFileChunksQuerySchema>;

export const fileChunkListSchema = listSchema(fileChunkSchema)
  .extend({
    file_id: z.string(),
    vector_store_id: z.string().nullable().meta({
      description: "The store the chunks were read from (null before any finished ingesting the file).",
    }),
  })
  .meta({ id: "FileChunkList" });
export type FileChunkList = z.infer<typeof fileChunkListSchema>;
