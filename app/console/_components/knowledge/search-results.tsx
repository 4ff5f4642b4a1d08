import type { SearchResultsDto } from "@/server/schemas/knowledge";
import { formatScore } from "../../_lib/format";
import { ScoreBar } from "../ui/score-bar";

/** The passages a search found, best first. */
export function SearchResults({ results, threshold }: { results: SearchResultsDto; threshold: number }) {
  if (results.data.length === 0) {
    return (
      <p role="status" className="text-sm text-stone-500 dark:text-stone-400">
        No passage scored {formatScore(threshold)} or more for “{results.search_query}”.
      </p>
    );
  }
  return (
    <>
      <p role="status" className="text-sm text-stone-500 dark:text-stone-400">
        {results.data.length} passage{results.data.length === 1 ? "" : "s"} for “{results.search_query}”
      </p>
      <ol aria-label="Search results" className="space-y-3">
        {results.data.map((result) => (
          <li
            key={`${result.file_id}-${result.chunk_index}`}
            className="rounded-md border border-stone-200 p-3 dark:border-stone-800"
          >
            <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
              <p className="min-w-0 text-sm">
                <span className="font-medium text-stone-900 dark:text-stone-100">{result.filename}</span>
                {result.page !== null && (
                  <span className="text-stone-500 dark:text-stone-400"> · page {result.page}</span>
                )}
                {result.heading && (
                  <span className="text-stone-500 dark:text-stone-400"> · {result.heading}</span>
                )}
              </p>
              <ScoreBar score={result.score} />
            </div>
            <p className="mt-2 max-h-48 overflow-y-auto text-sm leading-relaxed break-words whitespace-pre-wrap text-stone-700 dark:text-stone-300">
              {result.content.map((part) => part.text).join("\n")}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
