import type { ReactNode } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "brand";

const tones: Record<BadgeTone, string> = {
  neutral:
    "bg-stone-100 text-stone-700 ring-stone-200 dark:bg-stone-800 dark:text-stone-300 dark:ring-stone-700",
  success:
    "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-900",
  warning:
    "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900",
  danger: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900",
  brand: "bg-brand-50 text-brand-700 ring-brand-100",
};

export function Badge({
  tone = "neutral",
  wrap = false,
  children,
}: {
  tone?: BadgeTone;
  /** Lets a long value (a model name) break, so that it cannot widen a table past the screen. */
  wrap?: boolean;
  children: ReactNode;
}) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        wrap ? "break-all" : "whitespace-nowrap",
        tones[tone],
      )}
    >
      {children}
    </span>
  );
}
