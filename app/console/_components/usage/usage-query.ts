// The Usage page's view as its address holds it (range, grouping, filters), and what it becomes:
// the report's query (tRPC), the export links' query string (REST) and the next view a row drills
// down to. The address is the view's only home, so a reload, a shared link or Back shows the same.
import type { Channel } from "@/server/schemas/chat";
import {
  USAGE_MAX_RANGE_DAYS,
  usageGroupSchema,
  usageQuerySchema,
  type UsageGroup,
  type UsageQueryInput,
  type UsageRow,
} from "@/server/schemas/usage";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const rangePresets = [
  { value: "24h", label: "24 hours", ms: DAY },
  { value: "7d", label: "7 days", ms: 7 * DAY },
  { value: "30d", label: "30 days", ms: 30 * DAY },
  { value: "90d", label: "90 days", ms: 90 * DAY },
] as const;
export type RangePreset = (typeof rangePresets)[number]["value"];
export const DEFAULT_RANGE: RangePreset = "7d";
export const DEFAULT_GROUP: UsageGroup = "assistant";

/** The last `preset`, up to when the page asked; or two instants (ISO 8601), as a drill-down to a day sets. */
export type UsageRange = { preset: RangePreset } | { from: string; to: string };

export const filterNames = [
  "assistant_id",
  "api_key_id",
  "user",
  "model",
  "backend_id",
  "channel",
  "outcome",
] as const;
export type UsageFilterName = (typeof filterNames)[number];
export type UsageFilters = Partial<Record<UsageFilterName, string>>;

export interface UsageView {
  range: UsageRange;
  group_by: UsageGroup;
  /** Only the filters that are set, as the API spells them. */
  filters: UsageFilters;
}

/** How the page's map of names keys an id: the filter it is for, and the id. */
export const nameKey = (filter: UsageFilterName, id: string) => `${filter}:${id}`;

export const defaultView: UsageView = {
  range: { preset: DEFAULT_RANGE },
  group_by: DEFAULT_GROUP,
  filters: {},
};

/** `api_key_id=none`: traffic without a key (console, widget, master key). */
export const NO_KEY = "none";

const presetOf = (value: string | undefined): RangePreset | undefined =>
  rangePresets.find((preset) => preset.value === value)?.value;

function customRange(from: string | undefined, to: string | undefined): UsageRange | undefined {
  if (!from || !to) return undefined;
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end) || start >= end) return undefined;
  if (end - start > USAGE_MAX_RANGE_DAYS * DAY) return undefined;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** The view from the page's address; anything the API would refuse falls back to the default. */
export function viewFromParams(params: Record<string, string | undefined>): UsageView {
  const group = usageGroupSchema.safeParse(params.group_by);
  const filters: UsageFilters = {};
  for (const name of filterNames) {
    const value = params[name]?.trim();
    if (value && usageQuerySchema.shape[name].safeParse(value).success) filters[name] = value;
  }
  const preset = presetOf(params.range);
  return {
    range: preset ? { preset } : (customRange(params.from, params.to) ?? { preset: DEFAULT_RANGE }),
    group_by: group.success ? group.data : DEFAULT_GROUP,
    filters,
  };
}

/** The page's query string for this view ("" for the default one). */
export function pageSearch(view: UsageView): string {
  const params = new URLSearchParams();
  if ("preset" in view.range) {
    if (view.range.preset !== DEFAULT_RANGE) params.set("range", view.range.preset);
  } else {
    params.set("from", view.range.from);
    params.set("to", view.range.to);
  }
  if (view.group_by !== DEFAULT_GROUP) params.set("group_by", view.group_by);
  for (const name of filterNames) {
    const value = view.filters[name];
    if (value) params.set(name, value);
  }
  return params.toString();
}

/** The page's address for this view. */
export function usageHref(view: UsageView): string {
  const search = pageSearch(view);
  return `/console/usage${search ? `?${search}` : ""}`;
}

/** The view with one filter set (or cleared with ""). */
export function withFilter(view: UsageView, name: UsageFilterName, value: string): UsageView {
  const filters = { ...view.filters };
  if (value.trim()) filters[name] = value.trim();
  else delete filters[name];
  return { ...view, filters };
}

/** Whether the view narrows the usage: a filter, or a range of its own (a day drilled into). */
export function isFiltered(view: UsageView): boolean {
  return Object.keys(view.filters).length > 0 || !("preset" in view.range);
}

/** The view without filters: same grouping, and a preset range kept. */
export function clearFilters(view: UsageView): UsageView {
  return { ...view, filters: {}, range: "preset" in view.range ? view.range : defaultView.range };
}

/** The range's bounds: a preset ends at `now` (ms since the epoch). */
export function rangeBounds(range: UsageRange, now: number): { from: string; to: string } {
  if (!("preset" in range)) return range;
  const length = rangePresets.find((preset) => preset.value === range.preset)!.ms;
  return { from: new Date(now - length).toISOString(), to: new Date(now).toISOString() };
}

/** The report's query for this view. */
export function toReportQuery(view: UsageView, now: number): UsageQueryInput {
  const { channel, outcome, ...rest } = view.filters;
  return {
    ...rangeBounds(view.range, now),
    group_by: view.group_by,
    ...rest,
    ...(channel ? { channel: channel as Channel } : {}),
    ...(outcome ? { outcome: outcome as NonNullable<UsageQueryInput["outcome"]> } : {}),
  };
}

/** The REST export of the report the page shows (the console's session cookie authenticates it). */
export function exportHref(query: UsageQueryInput, format: "csv" | "json"): string {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(name, String(value));
  }
  return `/admin/usage/export?${params.toString()}`;
}

/** The grouping each filter narrows: a row of that grouping sets that filter. */
const filterOfGroup: Partial<Record<UsageGroup, UsageFilterName>> = {
  assistant: "assistant_id",
  key: "api_key_id",
  user: "user",
  model: "model",
  backend: "backend_id",
  channel: "channel",
  outcome: "outcome",
};

/** Where a row leads, most telling first: the first whose filter is not set already is taken. */
const nextGroups: Record<UsageGroup, UsageGroup[]> = {
  assistant: ["key", "user", "model", "channel", "day"],
  key: ["assistant", "user", "model", "day"],
  user: ["model", "channel", "day"],
  model: ["backend", "assistant", "key", "day"],
  backend: ["model", "assistant", "key", "day"],
  channel: ["assistant", "key", "day"],
  outcome: ["assistant", "backend", "model", "day"],
  day: ["hour"],
  hour: ["assistant", "key", "model", "backend", "channel", "outcome"],
};

function nextGroup(group: UsageGroup, filters: UsageFilters): UsageGroup {
  const choices = nextGroups[group];
  return (
    choices.find((choice) => {
      const filter = filterOfGroup[choice];
      return !filter || !filters[filter];
    }) ?? choices.at(-1)!
  );
}

/** The server's label of an end user it no longer knows (erased): no filter can find it. */
const ERASED_END_USER = "(erased end user)";

/**
 * A row's value as its filter takes it. End-user rows are keyed by Hearth's own id, while the
 * `user` filter takes the id the caller gave (the row's label).
 */
function filterValue(group: UsageGroup, row: Pick<UsageRow, "key" | "label">): string {
  if (group === "key") return row.key === "" ? NO_KEY : row.key;
  if (group === "user") return row.key === "" || row.label === ERASED_END_USER ? "" : row.label;
  return row.key;
}

/**
 * The view a row of the report opens: its value as a filter (a day or an hour as the range) and
 * the next grouping down, e.g. an assistant's usage per API key. Null for a row that cannot be a
 * filter (usage without an end user, a backend or a model).
 */
export function drillDown(
  view: UsageView,
  row: Pick<UsageRow, "key" | "label" | "assistant_id">,
): UsageView | null {
  const group = view.group_by;
  if (group === "day" || group === "hour") {
    const start = Date.parse(row.key);
    if (Number.isNaN(start)) return null;
    const range = {
      from: new Date(start).toISOString(),
      to: new Date(start + (group === "day" ? DAY : HOUR)).toISOString(),
    };
    return { ...view, range, group_by: nextGroup(group, view.filters) };
  }
  const filter = filterOfGroup[group]!;
  const value = filterValue(group, row);
  if (!value || !usageQuerySchema.shape[filter].safeParse(value).success) return null;
  let next = withFilter(view, filter, value);
  // An end user is one assistant's: the row says whose.
  if (group === "user" && row.assistant_id) next = withFilter(next, "assistant_id", row.assistant_id);
  return { ...next, group_by: nextGroup(group, next.filters) };
}
