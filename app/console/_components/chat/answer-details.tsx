import type { AskResponse, MessageDto, RagDecision, SlaOutcome } from "@/server/schemas/chat";
import { formatScore } from "../../_lib/format";
import { SlaOutcomeLine } from "./sla-outcome";

export type AnswerDetailsData = {
  model: string | null;
  backend: string | null;
  usage: AskResponse["usage"] | null;
  timings: AskResponse["timings"] | null;
  /** Why generation ended, when the stream said (`length`: max output tokens reached). */
  finishReason?: string;
  /** What retrieval decided: passages injected, question forwarded, or refused. */
  rag?: RagDecision | null;
  /** What SLA control decided (absent when the assistant's SLA control is off). */
  sla?: SlaOutcome;
};

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** A stored message's RAG decision, read loosely: servers that do not send it leave it out. */
export function storedRag(message: MessageDto): RagDecision | null {
  return (message as { rag?: RagDecision | null }).rag ?? null;
}

/** The retrieval decision in a few words, e.g. "3 passages used (top 0.82 ≥ 0.30)". */
export function describeRag({ decision, top_score, threshold, passages }: RagDecision): string {
  if (decision === "tool") {
    return passages === 0
      ? "the model did not search"
      : `${passages} passage${passages === 1 ? "" : "s"} found by the model's searches`;
  }
  if (decision === "injected") {
    const top = top_score === null ? "" : ` (top ${formatScore(top_score)} ≥ ${formatScore(threshold)})`;
    return `${passages} passage${passages === 1 ? "" : "s"} used${top}`;
  }
  const found =
    top_score === null
      ? "no knowledge to search"
      : `nothing relevant (top ${formatScore(top_score)} < ${formatScore(threshold)})`;
  return decision === "refused" ? `${found}; refused` : `${found}; asked the model directly`;
}

/**
 * Model, backend, timings, token counts and retrieval of one answer, as a compact description list,
 * and under it what SLA control decided, when it was on.
 */
export function AnswerDetails({ details }: { details: AnswerDetailsData }) {
  const { model, backend, usage, timings, finishReason, rag, sla } = details;
  const items: Array<[string, string]> = [];
  if (model) items.push(["Model", model]);
  // Without timings the exchange never reached a model (stopped early): no backend to speak of.
  if (backend || timings) items.push(["Backend", backend ?? "none"]);
  if (timings) {
    if (timings.ttft_ms !== null) items.push(["First token", formatMs(timings.ttft_ms)]);
    items.push(["Total", formatMs(timings.total_ms)]);
    if (timings.queue_ms > 0) items.push(["Queue", formatMs(timings.queue_ms)]);
  }
  if (finishReason && finishReason !== "stop") {
    items.push(["Ended", finishReason === "length" ? "max output tokens reached" : finishReason]);
  }
  if (usage) {
    items.push([
      "Tokens",
      `${usage.prompt_tokens} in · ${usage.completion_tokens} out · ${usage.total_tokens} total`,
    ]);
  }
  // An assistant without knowledge forwards every question: nothing worth saying about that.
  if (rag && !(rag.decision === "forwarded" && rag.top_score === null)) {
    items.push(["Knowledge", describeRag(rag)]);
  }
  const list = (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-500 dark:text-stone-400">
      {items.map(([term, value]) => (
        <div key={term} className="flex gap-1">
          <dt>{term}</dt>
          <dd className="font-medium text-stone-700 tabular-nums dark:text-stone-300">{value}</dd>
        </div>
      ))}
    </dl>
  );
  if (!sla) return list;
  return (
    <div className="space-y-1.5">
      {list}
      <SlaOutcomeLine outcome={sla} />
    </div>
  );
}
