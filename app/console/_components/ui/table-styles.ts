// The console's table look (as in the assistants and API keys tables).
export const theadClass =
  "border-b border-stone-200 bg-stone-50 text-xs font-medium tracking-wide text-stone-500 uppercase " +
  "dark:border-stone-800 dark:bg-stone-900/60 dark:text-stone-400";
export const thClass = "px-4 py-2.5";
export const tdClass = "px-4 py-3";
export const tbodyClass = "divide-y divide-stone-200 dark:divide-stone-800";
export const footerClass =
  "flex flex-wrap items-center justify-between gap-3 border-t border-stone-200 px-4 py-3 text-sm " +
  "text-stone-500 dark:border-stone-800 dark:text-stone-400";
