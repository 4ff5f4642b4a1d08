"use client";
import { useRef, type KeyboardEvent } from "react";
import { cn } from "./cn";

export type TabItem<T extends string> = { value: T; label: string };

const tabId = (idPrefix: string, value: string) => `${idPrefix}-tab-${value}`;
const panelId = (idPrefix: string, value: string) => `${idPrefix}-panel-${value}`;

/** What the selected tab's panel spreads onto itself. */
export function tabPanelProps(idPrefix: string, value: string) {
  return {
    role: "tabpanel",
    id: panelId(idPrefix, value),
    "aria-labelledby": tabId(idPrefix, value),
  } as const;
}

/**
 * A tab list (WAI-ARIA tabs pattern): one tab stop, arrow keys and Home/End move between tabs and
 * select them. The caller renders the selected panel with `tabPanelProps`.
 */
export function Tabs<T extends string>({
  label,
  idPrefix,
  tabs,
  value,
  onChange,
}: {
  label: string;
  idPrefix: string;
  tabs: TabItem<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.value === value);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = tabs[moves[event.key] ?? -1];
    if (!next) return;
    event.preventDefault();
    onChange(next.value);
    list.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabId(idPrefix, next.value))}`)?.focus();
  }

  return (
    <div
      ref={list}
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="flex gap-1 border-b border-stone-200 px-2 dark:border-stone-800"
    >
      {tabs.map((tab) => {
        const selected = tab.value === value;
        return (
          <button
            key={tab.value}
            type="button"
            role="tab"
            id={tabId(idPrefix, tab.value)}
            aria-selected={selected}
            aria-controls={selected ? panelId(idPrefix, tab.value) : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(tab.value)}
            className={cn(
              "-mb-px border-b-2 px-3 py-2.5 text-sm font-medium transition-colors",
              "focus-visible:rounded-t focus-visible:outline-2 focus-visible:outline-brand-600",
              selected
                ? "border-brand-600 text-brand-700 dark:text-white"
                : "border-transparent text-stone-600 hover:text-stone-900 dark:text-stone-400 dark:hover:text-stone-100",
            )}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
