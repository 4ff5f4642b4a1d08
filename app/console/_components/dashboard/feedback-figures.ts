// How the dashboard writes answer feedback: the share rated helpful with how many ratings it is
// of, per assistant and per RAG decision (only the decisions some assistant has ratings for).
import type { FeedbackSummary, Telemetry } from "@/server/schemas/telemetry";
import { ragDecisionKeys } from "@/server/schemas/telemetry";
import { formatCount, formatShare, NO_VALUE } from "./format-metrics";

export type RagDecisionKey = (typeof ragDecisionKeys)[number];

export const ragDecisionLabels: Record<RagDecisionKey, string> = {
  injected: "Knowledge injected",
  forwarded: "Forwarded",
  refused: "Refused",
  tool: "Knowledge tool",
  none: "No decision",
};

/** "75% of 4", or a dash with no rating. */
export function helpfulShare(counts: Pick<FeedbackSummary, "up" | "down" | "positive_share">): string {
  const total = counts.up + counts.down;
  return total === 0 ? NO_VALUE : `${formatShare(counts.positive_share)} of ${formatCount(total)}`;
}

/** The assistants with ratings, and the RAG decisions any of them has ratings for, in order. */
export function feedbackRows(assistants: Telemetry["assistants"]) {
  const rated = assistants.filter((assistant) => assistant.feedback.up + assistant.feedback.down > 0);
  const seen = new Set(rated.flatMap((assistant) => assistant.feedback.by_rag.map((row) => row.decision)));
  return { rated, decisions: ragDecisionKeys.filter((decision) => seen.has(decision)) };
}
