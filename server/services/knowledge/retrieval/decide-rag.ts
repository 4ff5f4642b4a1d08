// The RAG decision of one question (the reference flow): retrieve from the assistant's stores,
// then `injected` when passages reach the assistant's threshold, otherwise `forwarded` (the
// question goes to the model alone) or `refused` (a knowledge_only assistant answers with its
// refusal message and calls no model). An assistant with no knowledge at all forwards, or refuses.
import type { AssistantDto } from "../../../schemas/assistant";
import type { RagDecision } from "../../../schemas/chat";
import { withSpan } from "../../observability/tracing";
import { getAssistantStores } from "../vector-stores/assistant-stores";
import { touchStore } from "../vector-stores/touch-store";
import { searchPassages, type Passage } from "./search-passages";

export interface RagOutcome {
  rag: RagDecision;
  passages: Passage[];
}

/** Traced as `knowledge.retrieve`, with the decision and the passages kept. */
export function decideRag(assistant: AssistantDto, question: string): Promise<RagOutcome> {
  return withSpan("knowledge.retrieve", { "hearth.assistant.id": assistant.id }, async (span) => {
    const outcome = await decide(assistant, question);
    span.setAttributes({
      "hearth.rag.decision": outcome.rag.decision,
      "hearth.rag.passages": outcome.rag.passages,
      ...(outcome.rag.top_score === null ? {} : { "hearth.rag.top_score": outcome.rag.top_score }),
    });
    return outcome;
  });
}

async function decide(assistant: AssistantDto, question: string): Promise<RagOutcome> {
  const { top_k: topK, score_threshold: threshold, mode } = assistant.rag;
  const now = new Date();
  const stores = (await getAssistantStores(assistant.id)).filter(
    (store) => !store.expiresAt || store.expiresAt > now,
  );
  const candidates =
    stores.length > 0 ? await searchPassages(stores, { text: question, topK, threshold: 0 }) : [];
  const passages = candidates.filter((passage) => passage.score >= threshold);
  const topScore = candidates.length > 0 ? Math.max(...candidates.map((passage) => passage.score)) : null;
  for (const store of stores) {
    if (passages.some((passage) => passage.storeId === store.id))
      void touchStore(store).catch(() => undefined);
  }
  const decision = passages.length > 0 ? "injected" : mode === "knowledge_only" ? "refused" : "forwarded";
  return {
    rag: { decision, top_score: topScore, threshold, passages: passages.length },
    passages: passages.sort((a, b) => b.score - a.score),
  };
}
