// The one place that turns configuration into an embedder, so that callers (ingestion, search, the
// CLI) never pick a provider themselves. Only the chosen provider's module does any work: the
// llama.cpp binding loads on the first embedding, the HTTP client on the first call.
import type { Embedder } from "./embedder";
import { createHashEmbedder } from "./hash-embedder";
import { createLlamaCppEmbedder } from "./llama-cpp-embedder";
import { createOpenAiCompatibleEmbedder } from "./openai-compatible-embedder";

export type EmbedderConfig =
  | { provider: "hash"; dimension?: number }
  | {
      provider: "openai_compatible";
      baseUrl: string;
      model: string;
      apiKey?: string;
      dimension?: number;
      timeoutMs?: number;
      maxRetries?: number;
      queryPrefix?: string;
      documentPrefix?: string;
    }
  | {
      provider: "llama_cpp";
      modelPath: string;
      threads?: number;
      queryPrefix?: string;
      documentPrefix?: string;
    };

export function createEmbedder(config: EmbedderConfig): Embedder {
  switch (config.provider) {
    case "hash":
      return createHashEmbedder({ dimension: config.dimension });
    case "openai_compatible":
      return createOpenAiCompatibleEmbedder(config);
    case "llama_cpp":
      return createLlamaCppEmbedder(config);
  }
}
