// The process-wide embedder and vector index, configured from the environment and created once,
// lazily. Every vector store records the embedder that wrote it (its key); a store written by
// another embedder is re-indexed rather than searched with vectors it cannot be compared with.
import { getDb } from "../../db/client";
import { env } from "../../env";
import { createEmbedder } from "./embedding/create-embedder";
import { embedderKey, ensureDimension, type Embedder } from "./embedding/embedder";
import { getVectorIndex, type VectorIndex } from "./index/vector-index";
import { lanceStorageOptions } from "./storage/s3-blob-storage";

let embedder: Embedder | undefined;

export function getEmbedder(): Embedder {
  embedder ??= createEmbedder(
    env.HEARTH_EMBEDDINGS_PROVIDER === "openai_compatible"
      ? {
          provider: "openai_compatible",
          baseUrl: env.HEARTH_EMBEDDINGS_BASE_URL ?? "",
          model: env.HEARTH_EMBEDDINGS_MODEL ?? "",
          apiKey: env.HEARTH_EMBEDDINGS_API_KEY,
          dimension: env.HEARTH_EMBEDDINGS_DIMENSION,
        }
      : env.HEARTH_EMBEDDINGS_PROVIDER === "llama_cpp"
        ? {
            provider: "llama_cpp",
            modelPath: env.HEARTH_EMBEDDINGS_MODEL_PATH ?? "",
            threads: env.HEARTH_LLAMA_THREADS,
          }
        : { provider: "hash", dimension: env.HEARTH_EMBEDDINGS_DIMENSION },
  );
  return embedder;
}

/** The embedder with its key and dimension (a remote model's is learned from a first probe). */
export async function resolveEmbedder(): Promise<{ embedder: Embedder; key: string; dimension: number }> {
  const current = getEmbedder();
  const dimension = await ensureDimension(current);
  return { embedder: current, key: embedderKey(current), dimension };
}

/**
 * With a database server there may be other replicas writing the same tables: look for their
 * writes every few seconds, and write a table one replica at a time (a PostgreSQL advisory lock per
 * table). The embedded database means one process, which sees its own writes at once.
 */
export const getIndex = (): VectorIndex =>
  getVectorIndex(env.lancedbUri, {
    ...(env.HEARTH_DB_EMBEDDED ? {} : { readConsistencySeconds: 2, crossProcessLock: withTableLock }),
    ...(env.lancedbUri.startsWith("s3://") ? { storageOptions: lanceStorageOptions(env.s3) } : {}),
  });

/** Longest a table write may hold the shared lock (a large optimize on object storage). */
const TABLE_LOCK_TIMEOUT_MS = 15 * 60_000;

function withTableLock<T>(table: string, task: () => Promise<T>): Promise<T> {
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`hearth:lance:${env.lancedbUri}:${table}`}, 0))`;
      return task();
    },
    { maxWait: 30_000, timeout: TABLE_LOCK_TIMEOUT_MS },
  );
}

/** The LanceDB table of a store's current generation of vectors. */
export const storeTable = (store: { id: string; generation: number }): string =>
  `${store.id}_g${store.generation}`;
