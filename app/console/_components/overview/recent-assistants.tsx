"use client";
// The Overview's newest assistants: name, model and whether they take traffic, each a link.
import { useQuery } from "@tanstack/react-query";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";

const SHOWN = 5;

export function RecentAssistants() {
  const trpc = useTRPC();
  const assistants = useQuery(trpc.assistants.list.queryOptions({ limit: SHOWN }));
  if (!assistants.data || assistants.data.data.length === 0) return null;
  return (
    <section
      aria-labelledby="recent-assistants-title"
      className="rounded-lg border border-stone-200 bg-white p-5 shadow-xs dark:border-stone-800 dark:bg-stone-900"
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id="recent-assistants-title" className="text-sm font-semibold text-stone-900 dark:text-stone-100">
          Newest assistants
        </h2>
        <Link
          href="/console/assistants"
          className="inline-flex items-center gap-1 rounded text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:text-brand-500"
        >
          All assistants
          <ChevronRight aria-hidden className="size-4" />
        </Link>
      </div>
      <ul className="mt-3 divide-y divide-stone-100 dark:divide-stone-800">
        {assistants.data.data.map((assistant) => (
          <li key={assistant.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <Link
              href={`/console/assistants/${encodeURIComponent(assistant.id)}`}
              className="min-w-0 truncate rounded text-sm font-medium text-stone-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-100"
            >
              {assistant.name}
            </Link>
            <span className="flex items-center gap-2">
              <span className="font-mono text-xs text-stone-500 dark:text-stone-400">{assistant.model}</span>
              <Badge tone={assistant.enabled ? "success" : "neutral"}>
                {assistant.enabled ? "Enabled" : "Disabled"}
              </Badge>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
