// Embeddings from any server that speaks OpenAI's `POST /v1/embeddings`: vLLM, Hugging Face TEI,
// Ollama, llama.cpp's server, OpenAI itself. Inputs go in batches (servers cap the inputs per call)
// one batch at a time, so a large ingestion does not crowd out the chat traffic of a shared model
// server. The dimension is the configured one, or learned from the first answer, and every answer
// is checked against it: a model swapped behind the same URL must fail loudly rather than fill a
// store with vectors of another space. Failures become AppErrors that name the server.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { AppError } from "../../../errors";
import { normalizeInPlace, type Embedder, type EmbedPurpose } from "./embedder";

export interface OpenAiCompatibleEmbedderOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Expected vector length; learned from the first answer when unset. */
  dimension?: number;
  /** Bound on one HTTP call, retries excluded. Default 60 s. */
  timeoutMs?: number;
  /** The SDK's retries (with backoff) of connection failures, 408, 429 and 5xx. Default 2. */
  maxRetries?: number;
  /** Inputs per call. Default 64. */
  batchSize?: number;
  /** Prepended to queries / documents, for models trained with them (e5: "query: ", "passage: "). */
  queryPrefix?: string;
  documentPrefix?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_BATCH_SIZE = 64;

export function createOpenAiCompatibleEmbedder(options: OpenAiCompatibleEmbedderOptions): Embedder {
  let client: OpenAI | undefined;
  let dimension = options.dimension ?? 0;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const prefixes: Record<EmbedPurpose, string> = {
    query: options.queryPrefix ?? "",
    document: options.documentPrefix ?? "",
  };
  const where = `Embedding server ${options.baseUrl} (model ${options.model})`;

  const embedBatch = async (inputs: string[], signal?: AbortSignal): Promise<Float32Array[]> => {
    client ??= new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey ?? "not-needed",
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: options.maxRetries ?? 2,
    });
    let response: OpenAI.CreateEmbeddingResponse;
    try {
      response = await client.embeddings.create({ model: options.model, input: inputs }, { signal });
    } catch (error) {
      throw toAppError(error, where, signal);
    }
    const vectors = [...response.data]
      .sort((a, b) => a.index - b.index)
      .map((item) => normalizeInPlace(Float32Array.from(item.embedding)));
    if (vectors.length !== inputs.length) {
      throw new AppError(
        "UPSTREAM_ERROR",
        `${where} returned ${vectors.length} vectors for ${inputs.length} inputs`,
      );
    }
    for (const vector of vectors) {
      if (dimension === 0 && vector.length > 0) dimension = vector.length;
      if (vector.length !== dimension) {
        throw new AppError(
          "UPSTREAM_ERROR",
          `${where} returned a vector of ${vector.length} dimensions where ${dimension} were expected`,
        );
      }
    }
    return vectors;
  };

  return {
    provider: "openai_compatible",
    model: options.model,
    get dimension() {
      return dimension;
    },
    async embed(texts, purpose, signal) {
      // Servers refuse empty inputs; a text without content gets the zero vector instead.
      const wanted = texts.flatMap((text, index) => (text.trim() ? [index] : []));
      const found = new Map<number, Float32Array>();
      for (let start = 0; start < wanted.length; start += batchSize) {
        signal?.throwIfAborted();
        const indexes = wanted.slice(start, start + batchSize);
        const vectors = await embedBatch(
          indexes.map((index) => prefixes[purpose] + texts[index]),
          signal,
        );
        indexes.forEach((index, i) => found.set(index, vectors[i]!));
      }
      if (found.size < texts.length && dimension === 0) await embedBatch(["dimension probe"], signal);
      return texts.map((_, index) => found.get(index) ?? new Float32Array(dimension));
    },
  };
}

function toAppError(error: unknown, where: string, signal: AbortSignal | undefined): unknown {
  if (error instanceof APIUserAbortError && signal?.aborted) return signal.reason;
  if (error instanceof APIConnectionTimeoutError) {
    return new AppError("UPSTREAM_TIMEOUT", `${where} did not answer in time`);
  }
  // The server's own words (its error body, a socket error) are the operator's, in `detail`:
  // file statuses and search errors reach runtime callers, who get Hearth's message only.
  if (error instanceof APIConnectionError) {
    return new AppError("UNAVAILABLE", `${where} could not be reached`, { detail: causeOf(error) });
  }
  if (error instanceof APIError && typeof error.status === "number") {
    return new AppError("UPSTREAM_ERROR", `${where} failed with HTTP ${error.status}`, {
      detail: error.message,
    });
  }
  return new AppError("UPSTREAM_ERROR", `${where} failed`, {
    detail: error instanceof Error ? error.message : String(error),
  });
}

function causeOf(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error)
    return "code" in cause ? `${String(cause.code)} ${cause.message}` : cause.message;
  return error.message;
}
