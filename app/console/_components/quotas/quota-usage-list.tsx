"use client";
import type { QuotaUsage } from "@/server/schemas/quotas";
import { formatDateTime } from "../../_lib/format";
import { cn } from "../ui/cn";
import { describeQuotaUsage, quotaLabels, usageLevel, usedShare } from "./quota-format";

const barColours = {
  ok: "bg-brand-600",
  high: "bg-amber-500",
  full: "bg-red-600",
} as const;

/**
 * Use against each quota: the figures as text (what assistive tech reads) and a bar for the eye.
 * `compact` drops the quota's name and the reset time, for a table cell.
 */
export function QuotaUsageList({
  usage,
  compact = false,
  label,
}: {
  usage: QuotaUsage[];
  compact?: boolean;
  label: string;
}) {
  return (
    <ul aria-label={label} className={compact ? "space-y-1" : "space-y-3"}>
      {usage.map((entry) => {
        const level = usageLevel(entry);
        return (
          <li key={entry.quota} className={compact ? "text-xs" : "text-sm"}>
            {!compact && (
              <div className="font-medium text-stone-800 dark:text-stone-200">
                {quotaLabels[entry.quota].label.replace(" (USD)", "")}
              </div>
            )}
            <div
              className={cn(
                "tabular-nums",
                level === "full" ? "text-red-700 dark:text-red-400" : "text-stone-700 dark:text-stone-300",
              )}
            >
              {describeQuotaUsage(entry)}
            </div>
            <span
              aria-hidden
              className={cn(
                "mt-1 block h-1.5 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-700",
                compact ? "w-32" : "w-full",
              )}
            >
              <span
                className={cn("block h-full rounded-full", barColours[level])}
                style={{ width: `${Math.round(usedShare(entry) * 100)}%` }}
              />
            </span>
            {!compact && entry.resets_at && (
              <div className="mt-0.5 text-xs text-stone-500 dark:text-stone-400">
                Resets <time dateTime={entry.resets_at}>{formatDateTime(entry.resets_at)}</time>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
