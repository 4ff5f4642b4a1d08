"use client";
import { FileText } from "lucide-react";
import type { VisitorSource } from "@/server/schemas/widget";
import { useWidgetTexts } from "./widget-texts";

/** The sources of an answer as the widget's setting shows them: titles, and passages if allowed. */
export function WidgetSources({ sources }: { sources: VisitorSource[] }) {
  const texts = useWidgetTexts();
  if (sources.length === 0) return null;
  return (
    <div className="border-t border-stone-200 pt-2">
      <p className="text-xs font-medium text-stone-500">{texts.sources}</p>
      <ol className="mt-1 space-y-1 text-xs text-stone-700">
        {sources.map((source, index) => {
          const label = (
            <span className="flex items-center gap-1.5">
              <FileText aria-hidden className="size-3.5 shrink-0 text-stone-400" />
              <span className="min-w-0 truncate">
                <span className="font-medium">{source.title}</span>
                {source.location && <span className="text-stone-500"> · {source.location}</span>}
              </span>
            </span>
          );
          return (
            <li key={`${source.title}-${index}`}>
              {source.passage === undefined ? (
                label
              ) : (
                <details>
                  <summary className="cursor-pointer list-none rounded px-1 py-0.5 hover:bg-stone-100">
                    {label}
                  </summary>
                  <blockquote className="mt-1 max-h-48 overflow-y-auto border-l-4 border-stone-300 bg-stone-50 p-2 break-words whitespace-pre-wrap">
                    {source.passage}
                  </blockquote>
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
