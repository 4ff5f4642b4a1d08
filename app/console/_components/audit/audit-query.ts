// The audit page's filters as typed, and what they become: the list's query (tRPC), the export
// link's query string (REST) and the page's own address, so a reload or a shared link shows the
// same view.
import { actionFilterSchema, type ListAuditEventsQueryInput } from "@/server/schemas/audit";
import { toDateBounds, type DateRange } from "../sessions/date-range";

export type OutcomeFilter = "" | "success" | "failure";

export interface AuditFilterValues {
  action: string;
  who: string;
  outcome: OutcomeFilter;
  dates: DateRange;
}

export const emptyAuditFilters: AuditFilterValues = {
  action: "",
  who: "",
  outcome: "",
  dates: { from: "", to: "" },
};

/** An actor as stored (`user:<id>`, `api_key:<id>`, `master_key`…); anything else is a label (e-mail). */
const ACTOR_ID = /^(?:(?:user|api_key|widget):\S+|master_key|anonymous)$/;

/** A bare word (`assistant`) means all of its actions (`assistant.*`). */
function actionValue(text: string): string {
  return text.includes(".") || text.endsWith("*") ? text : `${text}.*`;
}

/** The list's filters, as the API takes them (dates as ISO 8601 text). */
export type AuditQueryFilters = Omit<ListAuditEventsQueryInput, "limit" | "cursor">;

export type AuditQuery =
  { ok: true; filters: AuditQueryFilters } | { ok: false; field: "action" | "dates"; message: string };

export function toAuditQuery(values: AuditFilterValues): AuditQuery {
  const action = values.action.trim().toLowerCase();
  const who = values.who.trim();
  if (action && !actionFilterSchema.safeParse(actionValue(action)).success) {
    return {
      ok: false,
      field: "action",
      message: "Type an action such as assistant.update, or a prefix such as assistant.* or auth.",
    };
  }
  const range = toDateBounds(values.dates);
  if (!range.ok) return { ok: false, field: "dates", message: range.message };
  return {
    ok: true,
    filters: {
      ...(action ? { action: actionValue(action) } : {}),
      ...(who ? (ACTOR_ID.test(who) ? { actor: who } : { actor_label: who }) : {}),
      ...(values.outcome ? { outcome: values.outcome } : {}),
      ...range.bounds,
    },
  };
}

export function isFiltered(values: AuditFilterValues): boolean {
  return Boolean(
    values.action.trim() || values.who.trim() || values.outcome || values.dates.from || values.dates.to,
  );
}

/** The page's own query string (the filters as typed). */
export function pageSearch(values: AuditFilterValues): string {
  const params = new URLSearchParams();
  if (values.action.trim()) params.set("action", values.action.trim());
  if (values.who.trim()) params.set("who", values.who.trim());
  if (values.outcome) params.set("outcome", values.outcome);
  if (values.dates.from) params.set("from", values.dates.from);
  if (values.dates.to) params.set("to", values.dates.to);
  return params.toString();
}

/** The REST export of what the page lists (the console's session cookie authenticates it). */
export function exportHref(filters: AuditQueryFilters, format: "csv" | "json"): string {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, String(value));
  return `/admin/audit/export?${params.toString()}`;
}
