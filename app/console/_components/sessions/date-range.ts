// The sessions list's date filter: two calendar days picked in the browser's time zone ("from" and
// "to", both included), turned into the API's bounds: created_after at the start of the first day,
// created_before at the start of the day after the last, as instants (ISO 8601, UTC).

export type DateRange = { from: string; to: string };

export const emptyDateRange: DateRange = { from: "", to: "" };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A `yyyy-mm-dd` value as date inputs hold it, or "" for anything else (a hand-edited URL). */
export function dayOrEmpty(value: string): string {
  return DAY.test(value) && !Number.isNaN(localMidnight(value, 0).getTime()) ? value : "";
}

function localMidnight(day: string, plusDays: number): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays);
}

export type DateBounds =
  { ok: true; bounds: { created_after?: string; created_before?: string } } | { ok: false; message: string };

export function toDateBounds(range: DateRange): DateBounds {
  const from = dayOrEmpty(range.from);
  const to = dayOrEmpty(range.to);
  if (from && to && from > to) return { ok: false, message: "The start date is after the end date." };
  return {
    ok: true,
    bounds: {
      ...(from ? { created_after: localMidnight(from, 0).toISOString() } : {}),
      ...(to ? { created_before: localMidnight(to, 1).toISOString() } : {}),
    },
  };
}
