"use client";
import { ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import { cn } from "../ui/cn";

/** The model's reasoning, in a block the user can fold away. */
export function ReasoningBlock({
  text,
  defaultOpen = false,
  streaming = false,
}: {
  text: string;
  defaultOpen?: boolean;
  /** Still arriving: says so in the toggle. */
  streaming?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const panelId = useId();
  return (
    <div className="rounded-md border border-stone-200 bg-stone-50 dark:border-stone-700 dark:bg-stone-800/50">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-1.5 rounded-md px-3 py-1.5 text-left text-xs font-medium text-stone-600 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-400 dark:hover:text-stone-100"
      >
        <ChevronRight aria-hidden className={cn("size-3.5 transition-transform", open && "rotate-90")} />
        {streaming ? "Reasoning…" : "Reasoning"}
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="border-t border-stone-200 px-3 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap text-stone-600 italic dark:border-stone-700 dark:text-stone-400"
      >
        {text}
      </div>
    </div>
  );
}
