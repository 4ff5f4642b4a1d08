// Embeddings from a GGUF embedding model (nomic-embed, bge, e5, gte...) run in this process by
// llama.cpp, for deployments without a model server. The model comes from the process-wide cache
// in server/services/llama-cpp, so the file is loaded once per process and shared with any chat
// engine that serves it. It loads lazily on the first call (node-llama-cpp itself is imported only
// then: the import takes a second), and the dimension is the model's, known from then on.
import { basename } from "node:path";
import type { LlamaEmbeddingContext, LlamaModel } from "node-llama-cpp";
import { describeError } from "../../llama-cpp/describe-error";
import { acquireModel, releaseModel } from "../../llama-cpp/shared-models";
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
const DEFAULT_MAX_CONTEXT = 2_048;

interface EmbeddingRuntime {
  model: LlamaModel;
  context: LlamaEmbeddingContext;
  maxInputTokens: number;
}

export function createLlamaCppEmbedder(options: LlamaCppEmbedderOptions): Embedder {
  let loading: Promise<EmbeddingRuntime> | undefined;
  let dimension = 0;
  const prefixes: Record<EmbedPurpose, string> = {
    query: options.queryPrefix ?? "",
    document: options.documentPrefix ?? "",
  };

  const load = (): Promise<EmbeddingRuntime> => {
    loading ??= openEmbeddingRuntime(options)
      .then((runtime) => {
        dimension = runtime.model.embeddingVectorSize;
        return runtime;
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
      const runtime = await load();
      const vectors: Float32Array[] = [];
      for (const [index, text] of texts.entries()) {
        if (index % SLICE === 0) signal?.throwIfAborted();
        vectors.push(normalizeInPlace(await embedOne(runtime, prefixes[purpose] + text)));
      }
      return vectors;
    },
    async close() {
      const current = loading;
      loading = undefined;
      if (!current) return;
      await current
        .then(async (runtime) => {
          await runtime.context.dispose();
          await releaseModel(options.modelPath);
        })
        .catch(() => undefined);
    },
  };
}

/** Loads (or shares) the model and opens an embedding context on it. */
async function openEmbeddingRuntime(options: LlamaCppEmbedderOptions): Promise<EmbeddingRuntime> {
  const model = await acquireModel(options.modelPath);
  const contextSize = options.contextSize ?? Math.min(model.trainContextSize, DEFAULT_MAX_CONTEXT);
  try {
    const context = await model.createEmbeddingContext({
      contextSize,
      batchSize: contextSize, // non-causal embedding models need the whole input in one batch
      threads: options.threads ?? model.llama.cpuMathCores,
    });
    // Room for the BOS and EOS tokens the context adds, and the one position it keeps free.
    return { model, context, maxInputTokens: Math.max(1, contextSize - 3) };
  } catch (error) {
    await releaseModel(options.modelPath);
    throw new Error(`Could not create a llama.cpp embedding context: ${describeError(error)}`);
  }
}

/** The model's raw vector for a text cut to fit the context; a text without tokens gets zeros. */
async function embedOne(runtime: EmbeddingRuntime, text: string): Promise<Float32Array> {
  const tokens = runtime.model.tokenize(text).slice(0, runtime.maxInputTokens);
  if (tokens.length === 0) return new Float32Array(runtime.model.embeddingVectorSize);
  try {
    return Float32Array.from((await runtime.context.getEmbeddingFor(tokens)).vector);
  } catch (error) {
    throw new Error(`llama.cpp embedding failed: ${describeError(error)}`);
  }
}
