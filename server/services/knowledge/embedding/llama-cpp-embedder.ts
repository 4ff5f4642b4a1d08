// Embeddings from a GGUF embedding model (nomic-embed, bge, e5, gte...) run in this process by
// llama.cpp, for deployments without a model server. It reuses the gateway's llama.cpp embedder,
// so the model file is loaded once per process and shared with any engine that serves it. The
// model loads lazily on the first call (imported lazily too: node-llama-cpp takes a second to
// import), and the dimension is the model's, known from then on.
import { basename } from "node:path";
import type { LlamaCppEmbedder } from "../../gateway/engines/llama-cpp-engine";
import { normalizeInPlace, type Embedder, type EmbedPurpose } from "./embedder";

export interface LlamaCppEmbedderOptions {
  modelPath: string;
  threads?: number;
  /** Longest input in tokens; longer texts are cut. Default: the model's, at most 2,048. */
  contextSize?: number;
  /** Prepended to queries / documents, for models trained with them (nomic: "search_query: "). */
  queryPrefix?: string;
  documentPrefix?: string;
}

/** Texts evaluated between two looks at the abort signal (llama.cpp itself cannot be interrupted). */
const SLICE = 8;

export function createLlamaCppEmbedder(options: LlamaCppEmbedderOptions): Embedder {
  let loading: Promise<LlamaCppEmbedder> | undefined;
  let dimension = 0;
  const prefixes: Record<EmbedPurpose, string> = {
    query: options.queryPrefix ?? "",
    document: options.documentPrefix ?? "",
  };

  const load = (): Promise<LlamaCppEmbedder> => {
    loading ??= import("../../gateway/engines/llama-cpp-engine")
      .then(({ createLlamaCppEmbedder: open }) =>
        open(options.modelPath, { threads: options.threads, contextSize: options.contextSize }),
      )
      .then((embedder) => {
        dimension = embedder.dimension;
        return embedder;
      })
      .catch((error: unknown) => {
        loading = undefined; // a missing file may appear later: let the next call try again
        throw error;
      });
    return loading;
  };

  return {
    provider: "llama_cpp",
    model: basename(options.modelPath),
    get dimension() {
      return dimension;
    },
    async embed(texts, purpose, signal) {
      const embedder = await load();
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += SLICE) {
        signal?.throwIfAborted();
        const slice = texts.slice(start, start + SLICE).map((text) => prefixes[purpose] + text);
        for (const vector of await embedder.embed(slice))
          vectors.push(normalizeInPlace(Float32Array.from(vector)));
      }
      return vectors;
    },
    async close() {
      const current = loading;
      loading = undefined;
      if (current) await current.then((embedder) => embedder.close()).catch(() => undefined);
    },
  };
}
