import { AppError } from "../../../errors";
import { logger } from "../../../logger";
import type { Citation } from "../../../schemas/chat";
import { createFixedAnswerEngine } from "../../gateway/engines/retrieval-only-engine";
import { decideRag, type RagOutcome } from "../../knowledge/retrieval/decide-rag";
import type { Passage } from "../../knowledge/retrieval/search-passages";
import type { ExchangeState } from "./exchange-state";

/** A citation quotes its passage up to this length (the prompt has the whole passage). */
const MAX_QUOTE_CHARS = 4_000;

/** The passages an answer drew on, as the citations a response lists (in the prompt's order). */
export function toCitations(passages: readonly Passage[]): Citation[] {
  return passages.map((passage) => ({
    file_id: passage.fileId,
    filename: passage.filename,
    chunk_index: passage.chunkIndex,
    score: passage.score,
    heading: passage.heading,
    page: passage.page,
    quote: passage.text.slice(0, MAX_QUOTE_CHARS),
  }));
}

/**
 * The knowledge decision (RAG, traced as `knowledge.retrieve`): the passages and their citations.
 * A knowledge_only assistant with nothing relevant answers with its refusal message, so its ticket
 * is given back and no model runs. A search that fails is a 503 with nothing of the cause in it.
 */
export async function retrieve(state: ExchangeState): Promise<void> {
  const { assistant } = state.prepared;
  if (assistant.rag.mode === "tool") {
    // The model searches when it decides to (tool-loop.ts): nothing found yet.
    state.rag = { decision: "tool", top_score: null, threshold: assistant.rag.score_threshold, passages: 0 };
    return;
  }
  await searchUpFront(state);
}

/** The search for the question itself, before the model is asked. */
export async function searchUpFront(state: ExchangeState): Promise<void> {
  const { assistant } = state.prepared;
  const knowledge = await search(state);
  state.rag = knowledge.rag;
  state.passages = knowledge.passages;
  state.citations = toCitations(knowledge.passages);
  if (state.rag.decision === "refused") {
    state.ticket?.cancel();
    state.ticket = null;
    state.engine = createFixedAnswerEngine(() => assistant.rag.refusal_message);
  }
}

async function search({ prepared }: ExchangeState): Promise<RagOutcome> {
  try {
    return await decideRag(prepared.assistant, prepared.searchText);
  } catch (error) {
    logger.error({ err: error, assistant: prepared.assistant.id }, "knowledge search failed");
    throw new AppError("UNAVAILABLE", "The assistant's knowledge could not be searched; try again");
  }
}
