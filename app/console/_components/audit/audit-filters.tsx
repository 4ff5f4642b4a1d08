"use client";
import { Search } from "lucide-react";
import type { DateRange } from "../sessions/date-range";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/input";
import type { AuditFilterValues, AuditQuery, OutcomeFilter } from "./audit-query";

/** Prefixes offered while typing an action (any action or prefix may be typed). */
const actionSuggestions = [
  "assistant.*",
  "file.*",
  "vector_store.*",
  "backend.*",
  "api_key.*",
  "user.*",
  "settings.*",
  "widget.*",
  "session.*",
  "loadtest.*",
  "auth.*",
  "auth.sign_in_failed",
];

export const ACTION_ERROR_ID = "audit-action-error";
export const DATE_ERROR_ID = "audit-date-error";

/** The audit list's filters: action, who, outcome and a range of days. */
export function AuditFiltersBar({
  values,
  onChange,
  problem,
}: {
  values: AuditFilterValues;
  onChange: (values: AuditFilterValues) => void;
  problem: Extract<AuditQuery, { ok: false }> | null;
}) {
  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) =>
    onChange({ ...values, [key]: value });
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-stone-200 p-4 dark:border-stone-800">
      <div className="w-full sm:w-52">
        <label
          htmlFor="audit-action-filter"
          className="mb-1 block text-sm text-stone-600 dark:text-stone-400"
        >
          Action
        </label>
        <Input
          id="audit-action-filter"
          type="search"
          list="audit-action-suggestions"
          placeholder="e.g. assistant.*"
          autoComplete="off"
          spellCheck={false}
          value={values.action}
          aria-invalid={problem?.field === "action" || undefined}
          aria-describedby={problem?.field === "action" ? ACTION_ERROR_ID : undefined}
          onChange={(event) => set("action", event.target.value)}
          className="font-mono"
        />
        <datalist id="audit-action-suggestions">
          {actionSuggestions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </div>
      <div className="relative w-full sm:w-64">
        <label htmlFor="audit-who-filter" className="mb-1 block text-sm text-stone-600 dark:text-stone-400">
          Who
        </label>
        <Search
          aria-hidden
          className="pointer-events-none absolute bottom-2.5 left-3 size-4 text-stone-400"
        />
        <Input
          id="audit-who-filter"
          type="search"
          placeholder="E-mail, or user:…, api_key:…, master_key"
          autoComplete="off"
          spellCheck={false}
          value={values.who}
          onChange={(event) => set("who", event.target.value)}
          className="pl-9"
        />
      </div>
      <div className="w-full sm:w-36">
        <label
          htmlFor="audit-outcome-filter"
          className="mb-1 block text-sm text-stone-600 dark:text-stone-400"
        >
          Outcome
        </label>
        <Select
          id="audit-outcome-filter"
          value={values.outcome}
          onChange={(event) => set("outcome", event.target.value as OutcomeFilter)}
        >
          <option value="">Any</option>
          <option value="success">Success</option>
          <option value="failure">Failure</option>
        </Select>
      </div>
      <DaysFilter
        dates={values.dates}
        onChange={(dates) => set("dates", dates)}
        invalid={problem?.field === "dates"}
      />
    </div>
  );
}

/** Two day pickers (the browser's own, keyboard-operable); either may stay empty. */
function DaysFilter({
  dates,
  onChange,
  invalid,
}: {
  dates: DateRange;
  onChange: (dates: DateRange) => void;
  invalid: boolean;
}) {
  const field = (key: keyof DateRange, label: string) => (
    <div>
      <label
        htmlFor={`audit-${key}-filter`}
        className="mb-1 block text-sm text-stone-600 dark:text-stone-400"
      >
        {label}
      </label>
      <Input
        id={`audit-${key}-filter`}
        type="date"
        value={dates[key]}
        max={key === "from" && dates.to ? dates.to : undefined}
        min={key === "to" && dates.from ? dates.from : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? DATE_ERROR_ID : undefined}
        onChange={(event) => onChange({ ...dates, [key]: event.target.value })}
        // The browser's own picker (and its calendar icon) follow the console's theme.
        className="w-auto dark:scheme-dark"
      />
    </div>
  );
  return (
    <fieldset className="flex flex-wrap items-end gap-3">
      <legend className="sr-only">Between</legend>
      {field("from", "From")}
      {field("to", "To")}
      {(dates.from || dates.to) && (
        <Button variant="ghost" size="sm" className="mb-0.5" onClick={() => onChange({ from: "", to: "" })}>
          Clear dates
        </Button>
      )}
    </fieldset>
  );
}
