"use client";
import { FileText } from "lucide-react";
import { useId, useState } from "react";
import type { Citation } from "@/server/schemas/chat";
import { formatScore } from "../../_lib/format";
import { Modal } from "../ui/modal";
import { ScoreBar } from "../ui/score-bar";

function whereIn(citation: Citation): string {
  return [citation.page != null ? `page ${citation.page}` : null, citation.heading || null]
    .filter(Boolean)
    .join(" · ");
}

/**
 * The passages an answer drew on; choosing one shows its text. The open passage may be held by the
 * parent (`selected`, `onSelect`: an index), so that the answer's citation markers open it too.
 */
export function AnswerSources({
  citations,
  selected: held,
  onSelect,
}: {
  citations: Citation[];
  selected?: number | null;
  onSelect?: (index: number | null) => void;
}) {
  const headingId = useId();
  const [own, setOwn] = useState<number | null>(null);
  const selected = onSelect ? (held ?? null) : own;
  const setSelected = onSelect ?? setOwn;
  if (citations.length === 0) return null;
  // Kept while the dialog closes, so its content does not vanish first.
  const shown = citations[Math.min(selected ?? 0, citations.length - 1)]!;
  const where = whereIn(shown);
  return (
    <div className="border-t border-stone-200 pt-2 dark:border-stone-700">
      <p id={headingId} className="text-xs font-medium text-stone-500 dark:text-stone-400">
        Sources
      </p>
      <ol aria-labelledby={headingId} className="mt-1 space-y-0.5">
        {citations.map((citation, index) => {
          const location = whereIn(citation);
          return (
            <li key={`${citation.file_id}-${citation.chunk_index}`}>
              <button
                type="button"
                onClick={() => setSelected(index)}
                className="flex w-full items-center gap-2 rounded px-1.5 py-1 text-left text-xs text-stone-700 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-300 dark:hover:bg-stone-800"
              >
                <FileText aria-hidden className="size-3.5 shrink-0 text-stone-400" />
                <span className="min-w-0 truncate">
                  <span className="font-medium">{citation.filename}</span>
                  {location && <span className="text-stone-500 dark:text-stone-400"> · {location}</span>}
                </span>
                <span className="ml-auto shrink-0 text-stone-500 tabular-nums dark:text-stone-400">
                  <span className="sr-only">, score </span>
                  {formatScore(citation.score)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <Modal
        open={selected !== null}
        onOpenChange={(open) => !open && setSelected(null)}
        title={`Passage from ${shown.filename}`}
        description={where || undefined}
      >
        <div className="space-y-3">
          <ScoreBar score={shown.score} />
          <blockquote className="max-h-[50vh] overflow-y-auto rounded-md border-l-4 border-brand-600 bg-stone-50 p-3 text-sm leading-relaxed break-words whitespace-pre-wrap text-stone-800 dark:bg-stone-800/60 dark:text-stone-200">
            {shown.quote}
          </blockquote>
        </div>
      </Modal>
    </div>
  );
}
