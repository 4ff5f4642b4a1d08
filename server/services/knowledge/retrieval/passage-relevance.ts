// How relevant a passage is to a question, on a 0-1 scale a threshold can be set on. For a real
// embedding model that is the cosine similarity of the two vectors. The built-in hash embedder is
// lexical, and its cosine shrinks with the passage's length (a long passage spreads its weight
// over many words), so on its own it does not tell on-topic from off-topic questions: on the
// shipped corpus, answering passages scored 0.05-0.57 and off-topic questions' best 0.09-0.22.
// For it the relevance is the geometric mean of the share of the question's words that the
// passage contains and the cosine scaled to 0.4; there, every one of the 60 corpus questions'
// best passage scored 0.31 or more, and 8 of 10 off-topic questions 0.25 or less.
import type { EmbedderProvider } from "../embedding/embedder";
import { contentTerms } from "../embedding/hash-embedder";

const HASH_COSINE_SCALE = 0.4;

/** The share (0-1) of the question's distinct content words (stemmed) that the passage contains. */
export function termCoverage(questionTerms: Set<string>, passage: string): number {
  if (questionTerms.size === 0) return 0;
  const passageTerms = contentTerms(passage);
  let found = 0;
  for (const term of questionTerms) if (passageTerms.has(term)) found++;
  return found / questionTerms.size;
}

export function passageRelevance(
  provider: EmbedderProvider,
  question: { text: string; terms: Set<string> },
  passage: { text: string; cosine: number },
): number {
  if (provider !== "hash") return passage.cosine;
  const cosine = Math.min(1, Math.max(0, passage.cosine) / HASH_COSINE_SCALE);
  return Math.sqrt(termCoverage(question.terms, passage.text) * cosine);
}
