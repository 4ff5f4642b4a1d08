// The sessions view's export links: the REST export of what the list shows, with its filters (the
// console's session cookie authenticates it, as the audit log's export).
import type { SessionExportFormat } from "@/server/schemas/session-data";
import { toDateBounds, type DateRange } from "./date-range";

export interface SessionListFilters {
  user: string;
  dates: DateRange;
  /** The list's other filters as the API spells them (channel, feedback...); "" for none. */
  [name: string]: string | DateRange;
}

/** The export's address, or null while the dates cannot be a range (the list shows why). */
export function sessionExportHref(
  assistantId: string,
  filters: SessionListFilters,
  format: SessionExportFormat,
): string | null {
  const range = toDateBounds(filters.dates);
  if (!range.ok) return null;
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(filters)) {
    if (typeof value === "string" && value.trim() !== "") params.set(name, value.trim());
  }
  for (const [name, value] of Object.entries(range.bounds)) if (value) params.set(name, value);
  return `/assistants/${encodeURIComponent(assistantId)}/sessions/export?${params.toString()}`;
}
