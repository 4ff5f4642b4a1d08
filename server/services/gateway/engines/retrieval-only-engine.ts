// The engine used when no language model serves an assistant's model: it generates nothing of its
// own. With knowledge, it answers with the best-matching passages, cited and quoted; without, it
// says plainly that no model is connected. Either way the answer says what it is.
import type { Engine, GenerateEvent, GenerateRequest, RetrievedPassage } from "./engine";

export const NO_MODEL_NOTICE =
  "No language model is connected to this assistant, so it cannot write an answer. " +
  "An operator can register a model backend (for example a vLLM server) in the console under Backends.";

export const PASSAGES_NOTICE =
  "No language model is connected to this assistant, so here are the most relevant passages from its knowledge files:";

const QUOTE_CHARS = 600;

function quote(passage: RetrievedPassage, id: number): string {
  const where = [passage.heading, passage.page ? `page ${passage.page}` : null].filter(Boolean).join(", ");
  const text =
    passage.text.length > QUOTE_CHARS ? `${passage.text.slice(0, QUOTE_CHARS).trimEnd()}…` : passage.text;
  const quoted = text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  return `[${id}] **${passage.filename}**${where ? ` (${where})` : ""}\n\n${quoted}`;
}

export function retrievalOnlyAnswer(passages: readonly RetrievedPassage[]): string {
  if (passages.length === 0) return NO_MODEL_NOTICE;
  return [PASSAGES_NOTICE, ...passages.map((passage, i) => quote(passage, i + 1))].join("\n\n");
}

/** An engine that answers with a fixed text (the retrieval-only answer, or a refusal). */
export function createFixedAnswerEngine(answer: (request: GenerateRequest) => string): Engine {
  return {
    kind: "retrieval_only",
    async *generate(request: GenerateRequest): AsyncGenerator<GenerateEvent> {
      yield { type: "output_text.delta", text: answer(request) };
      yield { type: "usage", usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } };
      yield { type: "finish", reason: "stop" };
    },
  };
}

export function createRetrievalOnlyEngine(): Engine {
  return createFixedAnswerEngine((request) => retrievalOnlyAnswer(request.passages ?? []));
}
