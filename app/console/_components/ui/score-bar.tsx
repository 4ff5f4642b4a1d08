import { formatScore } from "../../_lib/format";

/** A relevance score (0-1): the number with two decimals, and a bar for the eye. */
export function ScoreBar({ score, label = "Score" }: { score: number; label?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, score)) * 100);
  return (
    <span className="inline-flex items-center gap-2 text-xs text-stone-600 dark:text-stone-400">
      <span>
        {label}{" "}
        <span className="font-medium text-stone-900 tabular-nums dark:text-stone-100">
          {formatScore(score)}
        </span>
      </span>
      <span aria-hidden className="h-1.5 w-16 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-700">
        <span className="block h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}
