"use client";
import { ChartColumn } from "lucide-react";
import Link from "next/link";
import { canChat, useConsoleUser } from "../../_lib/console-user";
import { cn } from "../ui/cn";

export type AssistantSection = "settings" | "playground" | "knowledge" | "sessions" | "widget";

const tabClass =
  "flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium transition-colors " +
  "focus-visible:rounded-t focus-visible:outline-2 focus-visible:outline-brand-600";
const idleTabClass =
  "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100";

/**
 * The links between an assistant's pages (settings, chat playground, knowledge files, sessions,
 * widget), and to its usage per API key on the Usage page.
 */
export function AssistantTabs({ id, current }: { id: string; current: AssistantSection }) {
  const chat = canChat(useConsoleUser());
  const base = `/console/assistants/${encodeURIComponent(id)}`;
  const links: Array<[AssistantSection, string, string]> = [
    ["settings", "Settings", base],
    ...(chat
      ? [["playground", "Playground", `${base}/playground`] as [AssistantSection, string, string]]
      : []),
    ["knowledge", "Knowledge", `${base}/knowledge`],
    ["sessions", "Sessions", `${base}/sessions`],
    ["widget", "Widget", `${base}/widget`],
  ];
  return (
    <nav
      aria-label="Assistant"
      className="mb-6 overflow-x-auto border-b border-stone-200 dark:border-stone-800"
    >
      <ul className="-mb-px flex gap-1">
        {links.map(([section, label, href]) => (
          <li key={section} className="shrink-0">
            <Link
              href={href}
              aria-current={section === current ? "page" : undefined}
              className={cn(
                tabClass,
                section === current ? "border-brand-600 text-brand-700 dark:text-white" : idleTabClass,
              )}
            >
              {label}
            </Link>
          </li>
        ))}
        <li className="shrink-0">
          <Link
            href={`/console/usage?assistant_id=${encodeURIComponent(id)}&group_by=key`}
            className={cn(tabClass, idleTabClass)}
          >
            <ChartColumn aria-hidden className="size-4" />
            Usage
          </Link>
        </li>
      </ul>
    </nav>
  );
}
