// How the console names quotas and writes a key's use of them: "1,200 of 10,000 tokens today",
// with the share used for a meter. Counts and dollars as on the Usage page.
import type { QuotaName, QuotaUsage } from "@/server/schemas/quotas";
import { formatCount, formatUsd } from "../usage/usage-format";

export const quotaLabels: Record<QuotaName, { label: string; hint: string }> = {
  requests_per_minute: { label: "Requests per minute", hint: "Questions asked per minute." },
  tokens_per_day: { label: "Tokens per day", hint: "Prompt and completion tokens per UTC day." },
  tokens_per_month: { label: "Tokens per month", hint: "Per UTC calendar month." },
  concurrent_streams: { label: "Concurrent streams", hint: "Answers in progress at once." },
  cost_per_month: { label: "Cost per month (USD)", hint: "Per UTC calendar month, from backend prices." },
};

/** What the use is counted against, after "used of limit". */
const periods: Record<QuotaName, string> = {
  requests_per_minute: "requests this minute",
  tokens_per_day: "tokens today",
  tokens_per_month: "tokens this month",
  concurrent_streams: "streams at once",
  cost_per_month: "this month",
};

/** "1,200 of 10,000 tokens today", "$1.20 of $50.00 this month". */
export function describeQuotaUsage(usage: QuotaUsage): string {
  const figure = usage.quota === "cost_per_month" ? formatUsd : formatCount;
  return `${figure(usage.used)} of ${figure(usage.limit)} ${periods[usage.quota]}`;
}

/** The share of the limit used, from 0 to 1. */
export function usedShare(usage: QuotaUsage): number {
  if (usage.limit <= 0) return 1;
  return Math.min(1, Math.max(0, usage.used / usage.limit));
}

/** How full a quota is: for the meter's colour. */
export function usageLevel(usage: QuotaUsage): "ok" | "high" | "full" {
  const share = usedShare(usage);
  return share >= 1 ? "full" : share >= 0.8 ? "high" : "ok";
}
