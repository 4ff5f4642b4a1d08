"use client";
import { Check, LoaderCircle, X } from "lucide-react";
import type { WidgetToolLine } from "./widget-entries";
import { useWidgetTexts } from "./widget-texts";

const states = {
  running: { icon: LoaderCircle, text: "toolRunning", className: "animate-spin text-stone-400" },
  done: { icon: Check, text: "toolDone", className: "text-emerald-700" },
  failed: { icon: X, text: "toolFailed", className: "text-red-700" },
} as const;

/**
 * The tools the assistant used for an answer, a small line each ("get weather", its state, and
 * what it gave when the site's admin shows summaries). The conversation is a polite live region,
 * so each line, and each change of state, is read out.
 */
export function WidgetTools({ tools }: { tools: WidgetToolLine[] | undefined }) {
  const texts = useWidgetTexts();
  if (!tools?.length) return null;
  return (
    <ul aria-label={texts.toolsUsed} className="space-y-0.5 text-xs text-stone-600">
      {tools.map((tool) => {
        const state = states[tool.status];
        const Icon = state.icon;
        return (
          <li key={tool.id} data-tool-status={tool.status} className="flex items-start gap-1.5">
            <Icon aria-hidden className={`mt-px size-3.5 shrink-0 ${state.className}`} />
            <span className="min-w-0 break-words">
              <span className="font-medium text-stone-700">{tool.title}</span>
              {tool.status === "running" ? (
                <>
                  <span aria-hidden>…</span>
                  <span className="sr-only"> {texts[state.text]}</span>
                </>
              ) : (
                <span className={tool.status === "failed" ? "text-red-700" : "text-stone-500"}>
                  {" "}
                  {texts[state.text]}
                </span>
              )}
              {tool.summary && <span className="text-stone-500"> · {tool.summary}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
