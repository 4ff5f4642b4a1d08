"use client";
// The playground's "Run settings": temperature, reasoning effort and max output tokens for the next
// questions, over the assistant's own (run-settings.ts). Kept in the page, never saved.
import type { AssistantDto, ReasoningEffort } from "@/server/schemas/assistant";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Input, Select } from "../ui/input";
import { maxOutputTokensCap, type RunSettingsDraft, type RunSettingsErrors } from "./run-settings";

const EFFORTS: ReasoningEffort[] = ["low", "medium", "high"];

export function RunSettingsPanel({
  id,
  generation,
  draft,
  errors,
  changed,
  onChange,
  onReset,
}: {
  id: string;
  generation: AssistantDto["generation"];
  draft: RunSettingsDraft;
  errors: RunSettingsErrors;
  changed: boolean;
  onChange: (draft: RunSettingsDraft) => void;
  onReset: () => void;
}) {
  const own = (value: number | string | null, unset: string) =>
    `Assistant's: ${value === null ? unset : typeof value === "number" ? value.toLocaleString("en") : value}`;
  return (
    <section
      id={id}
      aria-label="Run settings"
      className="space-y-3 border-b border-stone-200 bg-stone-50 px-4 py-3 dark:border-stone-800 dark:bg-stone-950"
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          id={`${id}-temperature`}
          label="Temperature"
          hint={own(generation.temperature, "model default")}
          error={errors.temperature}
        >
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="decimal"
              min={0}
              max={2}
              step={0.1}
              placeholder="Model default"
              value={draft.temperature}
              onChange={(event) => onChange({ ...draft, temperature: event.target.value })}
            />
          )}
        </Field>
        <Field id={`${id}-effort`} label="Reasoning effort" hint={own(generation.reasoning_effort, "medium")}>
          {(control) => (
            <Select
              {...control}
              value={draft.reasoningEffort}
              onChange={(event) =>
                onChange({ ...draft, reasoningEffort: event.target.value as ReasoningEffort })
              }
            >
              {EFFORTS.map((effort) => (
                <option key={effort} value={effort}>
                  {effort}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          id={`${id}-max-tokens`}
          label="Max output tokens"
          hint={own(generation.max_output_tokens, "no limit")}
          error={errors.maxOutputTokens}
        >
          {(control) => (
            <Input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              max={maxOutputTokensCap(generation)}
              step={1}
              placeholder="Model default"
              value={draft.maxOutputTokens}
              onChange={(event) => onChange({ ...draft, maxOutputTokens: event.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-stone-600 dark:text-stone-400">
          For the next questions in this playground only; the assistant&apos;s settings stay as they are.
        </p>
        <Button variant="secondary" size="sm" onClick={onReset} disabled={!changed}>
          Reset to the assistant&apos;s
        </Button>
      </div>
    </section>
  );
}
