"use client";
// The Usage page's controls: the range, what the rows are per, the filters, and the active
// filters as chips, each with a way to clear it. Every change is a new view (usage-query.ts).
import { X } from "lucide-react";
import type { ReactNode } from "react";
import { usageGroupSchema } from "@/server/schemas/usage";
import { formatDateTime } from "../../_lib/format";
import { channelLabels } from "../sessions/session-labels";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Input, Select } from "../ui/input";
import { filterLabels, filterValueLabel, groupLabels, NO_KEY_LABEL, outcomeLabels } from "./usage-format";
import {
  clearFilters,
  DEFAULT_RANGE,
  filterNames,
  NO_KEY,
  rangePresets,
  withFilter,
  type UsageFilterName,
  type UsageView,
} from "./usage-query";
import type { UsageNames } from "./use-usage-names";

type Option = { value: string; label: string };

export function UsageControls({
  view,
  names,
  onChange,
}: {
  view: UsageView;
  names: UsageNames;
  onChange: (view: UsageView) => void;
}) {
  const setFilter = (name: UsageFilterName) => (value: string) => onChange(withFilter(view, name, value));
  const keyOptions: Option[] = [
    { value: NO_KEY, label: NO_KEY_LABEL },
    ...(names.apiKeys ?? []).map((key) => ({ value: key.id, label: key.name })),
  ];
  return (
    <div className="space-y-4 border-b border-stone-200 p-4 dark:border-stone-800">
      <div className="flex flex-wrap items-end gap-4">
        <div role="group" aria-label="Range" className="inline-flex rounded-md shadow-sm">
          {rangePresets.map((preset, index) => {
            const pressed = "preset" in view.range && view.range.preset === preset.value;
            return (
              <button
                key={preset.value}
                type="button"
                aria-pressed={pressed}
                onClick={() => onChange({ ...view, range: { preset: preset.value } })}
                className={cn(
                  "h-9 border border-stone-300 px-3 text-sm font-medium transition-colors dark:border-stone-700",
                  "focus-visible:relative focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
                  index === 0 ? "rounded-l-md" : "-ml-px",
                  index === rangePresets.length - 1 && "rounded-r-md",
                  pressed
                    ? "z-10 border-brand-700 bg-brand-700 text-white"
                    : "bg-white text-stone-700 hover:bg-stone-50 dark:bg-stone-900 dark:text-stone-200 dark:hover:bg-stone-800",
                )}
              >
                {preset.label}
              </button>
            );
          })}
        </div>
        <Control id="usage-group-by" label="Group by">
          <Select
            id="usage-group-by"
            value={view.group_by}
            onChange={(event) => onChange({ ...view, group_by: usageGroupSchema.parse(event.target.value) })}
            className="w-auto"
          >
            {usageGroupSchema.options.map((group) => (
              <option key={group} value={group}>
                {groupLabels[group]}
              </option>
            ))}
          </Select>
        </Control>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect
          name="assistant_id"
          view={view}
          all="All assistants"
          options={names.assistants.map((assistant) => ({ value: assistant.id, label: assistant.name }))}
          onChange={setFilter("assistant_id")}
        />
        <FilterSelect
          name="api_key_id"
          view={view}
          all="All keys and none"
          options={keyOptions}
          onChange={setFilter("api_key_id")}
        />
        <FilterSelect
          name="channel"
          view={view}
          all="All channels"
          options={Object.entries(channelLabels).map(([value, label]) => ({ value, label }))}
          onChange={setFilter("channel")}
        />
        <FilterSelect
          name="outcome"
          view={view}
          all="All outcomes"
          options={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))}
          onChange={setFilter("outcome")}
        />
        <FilterSelect
          name="model"
          view={view}
          all="All models"
          options={names.models.map((model) => ({ value: model, label: model }))}
          onChange={setFilter("model")}
        />
        <FilterSelect
          name="backend_id"
          view={view}
          all="All backends"
          options={names.backends.map((backend) => ({ value: backend.id, label: backend.name }))}
          onChange={setFilter("backend_id")}
        />
        <UserFilter value={view.filters.user ?? ""} onChange={setFilter("user")} />
      </div>
      <ActiveFilters view={view} names={names} onChange={onChange} />
    </div>
  );
}

function Control({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-stone-600 dark:text-stone-400">
        {label}
      </label>
      {children}
    </div>
  );
}

function FilterSelect({
  name,
  view,
  all,
  options,
  onChange,
}: {
  name: UsageFilterName;
  view: UsageView;
  all: string;
  options: Option[];
  onChange: (value: string) => void;
}) {
  const id = `usage-filter-${name}`;
  const value = view.filters[name] ?? "";
  // A value the lists do not hold (a deleted backend, a key only admins may list) stays selectable.
  const known = value === "" || options.some((option) => option.value === value);
  return (
    <Control id={id} label={filterLabels[name]}>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {!known && <option value={value}>{value}</option>}
      </Select>
    </Control>
  );
}

/** The end user's id, applied on Enter or when the field is left (not on every key). */
function UserFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const apply = (text: string) => {
    if (text.trim() !== value) onChange(text);
  };
  return (
    <Control id="usage-filter-user" label={filterLabels.user}>
      <form
        role="search"
        aria-label="End user"
        onSubmit={(event) => {
          event.preventDefault();
          const input = event.currentTarget.elements.namedItem("user");
          if (input instanceof HTMLInputElement) apply(input.value);
        }}
      >
        <Input
          // A new value from the address (a drill-down, a cleared chip) replaces what was typed.
          key={value}
          id="usage-filter-user"
          name="user"
          type="search"
          placeholder="End user id, then Enter"
          defaultValue={value}
          maxLength={256}
          onBlur={(event) => apply(event.target.value)}
        />
      </form>
    </Control>
  );
}

function ActiveFilters({
  view,
  names,
  onChange,
}: {
  view: UsageView;
  names: UsageNames;
  onChange: (view: UsageView) => void;
}) {
  const active = filterNames.filter((name) => view.filters[name]);
  const custom = "preset" in view.range ? null : view.range;
  if (active.length === 0 && !custom) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p id="usage-active-filters" className="text-xs font-medium text-stone-600 dark:text-stone-400">
        Active filters
      </p>
      <ul aria-labelledby="usage-active-filters" className="flex flex-wrap gap-2">
        {custom && (
          <Chip
            label="Range"
            value={
              // Local times: the server renders in its own time zone, the browser in the viewer's.
              <span suppressHydrationWarning>
                {formatDateTime(custom.from)} – {formatDateTime(custom.to)}
              </span>
            }
            onClear={() => onChange({ ...view, range: { preset: DEFAULT_RANGE } })}
          />
        )}
        {active.map((name) => (
          <Chip
            key={name}
            label={filterLabels[name]}
            value={filterValueLabel(name, view.filters[name]!, names.byFilter)}
            onClear={() => onChange(withFilter(view, name, ""))}
          />
        ))}
      </ul>
      <Button variant="ghost" size="sm" onClick={() => onChange(clearFilters(view))}>
        Clear all
      </Button>
    </div>
  );
}

function Chip({ label, value, onClear }: { label: string; value: ReactNode; onClear: () => void }) {
  return (
    <li className="inline-flex items-center gap-1 rounded-full bg-stone-100 py-0.5 pr-1 pl-2.5 text-xs text-stone-800 ring-1 ring-stone-200 ring-inset dark:bg-stone-800 dark:text-stone-200 dark:ring-stone-700">
      <span>
        <span className="font-medium">{label}:</span> {value}
      </span>
      <button
        type="button"
        onClick={onClear}
        aria-label={`Clear the ${label.toLowerCase()} filter`}
        className="rounded-full p-0.5 text-stone-500 hover:bg-stone-200 hover:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-400 dark:hover:bg-stone-700 dark:hover:text-stone-100"
      >
        <X aria-hidden className="size-3.5" />
      </button>
    </li>
  );
}
