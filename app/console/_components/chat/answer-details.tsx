import type { AskResponse } from "@/server/schemas/chat";

export type AnswerDetailsData = {
  model: string | null;
  backend: string | null;
  usage: AskResponse["usage"] | null;
  timings: AskResponse["timings"] | null;
  /** Why generation ended, when the stream said (`length`: max output tokens reached). */
  finishReason?: string;
};

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Model, backend, timings and token counts of one answer, as a compact description list. */
export function AnswerDetails({ details }: { details: AnswerDetailsData }) {
  const { model, backend, usage, timings, finishReason } = details;
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
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-500 dark:text-stone-400">
      {items.map(([term, value]) => (
        <div key={term} className="flex gap-1">
          <dt>{term}</dt>
          <dd className="font-medium text-stone-700 tabular-nums dark:text-stone-300">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
