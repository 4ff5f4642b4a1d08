// What the knowledge feature needs from an embedding model: texts in, unit-length vectors out (so
// that cosine similarity is a plain dot product, the same in LanceDB and in TypeScript). Three
// providers implement it: the built-in lexical hash (no model), any OpenAI-compatible server, and
// a GGUF model run in-process by llama.cpp. A vector store records `embedderKey()` of the embedder
// that filled it: vectors of two different keys are not comparable, so a changed key means the
// store must be re-indexed.

export type EmbedderProvider = "hash" | "openai_compatible" | "llama_cpp";

/** Asymmetric models embed a question and a passage differently; symmetric ones ignore it. */
export type EmbedPurpose = "query" | "document";

export interface Embedder {
  readonly provider: EmbedderProvider;
  readonly model: string;
  /**
   * Length of every vector. 0 while unknown: a remote or GGUF model without a configured dimension
   * learns it from its first answer (see `ensureDimension`).
   */
  readonly dimension: number;
  /** One L2-normalized vector per text, in order. A text without content may get a zero vector. */
  embed(texts: string[], purpose: EmbedPurpose, signal?: AbortSignal): Promise<Float32Array[]>;
  close?(): Promise<void>;
}

/** Stable identity of the vector space an embedder produces, e.g. `hash:lexical-v1:512`. */
export function embedderKey(embedder: Embedder): string {
  if (embedder.dimension <= 0) {
    throw new Error(`The dimension of embedder ${embedder.provider}:${embedder.model} is not known yet`);
  }
  return `${embedder.provider}:${embedder.model}:${embedder.dimension}`;
}

/** The embedder's dimension, embedding one short probe text first if it is not known yet. */
export async function ensureDimension(embedder: Embedder, signal?: AbortSignal): Promise<number> {
  if (embedder.dimension > 0) return embedder.dimension;
  await embedder.embed(["dimension probe"], "query", signal);
  if (embedder.dimension <= 0)
    throw new Error(`Embedder ${embedder.provider}:${embedder.model} has no dimension`);
  return embedder.dimension;
}

/** Scales `vector` in place to unit length; a zero vector stays zero. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * scale;
  }
  return vector;
}
