// How the Usage page writes its figures and names its groups: tokens and counts with separators
// (compact in the charts), GPU time in the largest sensible unit, cost in US dollars with enough
// decimals for the small sums a few answers cost, and the time buckets in the rollup's own terms
// (days are UTC days, so a day is named by its UTC date).
import type { BackendPrices } from "@/server/schemas/backend";
import type { Channel } from "@/server/schemas/chat";
import type { UsageGroup, UsageReport, UsageRow } from "@/server/schemas/usage";
import { channelLabels } from "../sessions/session-labels";
import { nameKey, NO_KEY, type UsageFilterName } from "./usage-query";

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return whole.format(value);
}

/** "1.2K", "3.4M": for chart axes. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** Seconds on a backend: "12.5 s", "4.2 min", "3.1 h". */
export function formatGpuTime(seconds: number): string {
  if (seconds < 60) return `${oneDecimal.format(seconds)} s`;
  if (seconds < 3600) return `${oneDecimal.format(seconds / 60)} min`;
  return `${oneDecimal.format(seconds / 3600)} h`;
}

const dollars = new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" });
const smallDollars = new Intl.NumberFormat(undefined, {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const SMALLEST = 0.0001;

/** "$12.40"; below a cent, to a hundredth of one ("$0.0031"); below that, "< $0.0001". */
export function formatUsd(value: number): string {
  if (value === 0) return dollars.format(0);
  if (value < SMALLEST) return `< ${smallDollars.format(SMALLEST)}`;
  return value < 0.01 ? smallDollars.format(value) : dollars.format(value);
}

export const groupLabels: Record<UsageGroup, string> = {
  assistant: "Assistant",
  key: "API key",
  user: "End user",
  model: "Model",
  backend: "Backend",
  channel: "Channel",
  outcome: "Outcome",
  day: "Day",
  hour: "Hour",
};

/** The same, inside a sentence ("usage by API key"). */
export const groupNouns: Record<UsageGroup, string> = {
  assistant: "assistant",
  key: "API key",
  user: "end user",
  model: "model",
  backend: "backend",
  channel: "channel",
  outcome: "outcome",
  day: "day",
  hour: "hour",
};

export const filterLabels: Record<UsageFilterName, string> = {
  assistant_id: "Assistant",
  api_key_id: "API key",
  user: "End user",
  model: "Model",
  backend_id: "Backend",
  channel: "Channel",
  outcome: "Outcome",
};

export const outcomeLabels: Record<"completed" | "failed" | "cancelled", string> = {
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const NO_KEY_LABEL = "No API key (console, widget, master key)";

const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const localHour = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const localMinute = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const shortUtcDay = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** A bucket's start as its granularity names it: a UTC date, or a local hour or minute. */
export function formatBucket(iso: string, granularity: UsageReport["granularity"], short = false): string {
  const date = new Date(iso);
  if (granularity === "day") return (short ? shortUtcDay : utcDay).format(date);
  if (granularity === "hour") return localHour.format(date);
  return localMinute.format(date);
}

/** The server's label; for a row without a value, what that means when the server gives none. */
const named = (row: Pick<UsageRow, "key" | "label">, none: string) =>
  row.label || (row.key === "" ? none : row.key);

/** What a row is called in the table: the server's label, or what its key means. */
export function rowLabel(group: UsageGroup, row: Pick<UsageRow, "key" | "label">): string {
  switch (group) {
    case "day":
      return formatBucket(row.key, "day");
    case "hour":
      return formatBucket(row.key, "hour");
    case "channel":
      return channelLabels[row.key as Channel] ?? row.key;
    case "outcome":
      return outcomeLabels[row.key as keyof typeof outcomeLabels] ?? row.key;
    case "key":
      return named(row, NO_KEY_LABEL);
    case "user":
      return named(row, "No end user id");
    case "backend":
      return named(row, "No backend");
    case "model":
      return named(row, "No model");
    case "assistant":
      return named(row, "No assistant");
  }
}

/** An active filter's value as people read it (names where the page knows them). */
export function filterValueLabel(name: UsageFilterName, value: string, names: Map<string, string>): string {
  if (name === "api_key_id" && value === NO_KEY) return NO_KEY_LABEL;
  if (name === "channel") return channelLabels[value as Channel] ?? value;
  if (name === "outcome") return outcomeLabels[value as keyof typeof outcomeLabels] ?? value;
  return names.get(nameKey(name, value)) ?? value;
}

/** A backend's prices in one line ("$0.50 / 1M in · $2.00 / GPU-hour"), or null when it has none. */
export function formatPrices(prices: BackendPrices): string | null {
  const parts = [
    prices.input_per_million === null ? null : `${formatUsd(prices.input_per_million)} / 1M in`,
    prices.output_per_million === null ? null : `${formatUsd(prices.output_per_million)} / 1M out`,
    prices.gpu_hour === null ? null : `${formatUsd(prices.gpu_hour)} / GPU-hour`,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(" · ") : null;
}
