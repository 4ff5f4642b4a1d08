// The engine used when no language model serves an assistant's model: it generates nothing and
// says so plainly. (With knowledge files, the knowledge layer answers with the best-matching
// passages instead; until then this notice is the whole answer.)
import type { Engine, GenerateEvent, GenerateRequest } from "./engine";

export const NO_MODEL_NOTICE =
  "No language model is connected to this assistant, so it cannot write an answer. " +
  "An operator can register a model backend (for example a vLLM server) in the console under Backends.";

export function createRetrievalOnlyEngine(): Engine {
  return {
    kind: "retrieval_only",
    async *generate(_request: GenerateRequest): AsyncGenerator<GenerateEvent> {
      yield { type: "output_text.delta", text: NO_MODEL_NOTICE };
      yield { type: "usage", usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } };
      yield { type: "finish", reason: "stop" };
    },
  };
}
