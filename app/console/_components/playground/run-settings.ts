// The playground's run settings: temperature, reasoning effort and max output tokens for the next
// questions, over the assistant's own and never saved to it. The form keeps text as typed; what is
// sent (`overrides` on the stream request) is only what differs from the assistant's settings, and
// nothing is sent while a value is out of range (the server would refuse it with the same rule).
import { MAX_OUTPUT_TOKENS_LIMIT, type AssistantDto, type ReasoningEffort } from "@/server/schemas/assistant";
import type { RunOverrides } from "@/server/schemas/chat";

type Generation = AssistantDto["generation"];

export interface RunSettingsDraft {
  temperature: string;
  reasoningEffort: ReasoningEffort;
  maxOutputTokens: string;
}

export type RunSettingsErrors = Partial<Record<"temperature" | "maxOutputTokens", string>>;

/** The assistant's own settings, as the form shows them (an unset value is an empty field). */
export function draftOf(generation: Generation): RunSettingsDraft {
  return {
    temperature: generation.temperature === null ? "" : String(generation.temperature),
    reasoningEffort: generation.reasoning_effort,
    maxOutputTokens: generation.max_output_tokens === null ? "" : String(generation.max_output_tokens),
  };
}

/** The most output tokens a run may ask for: the assistant's own cap, else the server's. */
export function maxOutputTokensCap(generation: Generation): number {
  return generation.max_output_tokens ?? MAX_OUTPUT_TOKENS_LIMIT;
}

function parsedNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** What the draft asks of the next answer, and what is wrong with it. */
export function overridesOf(
  draft: RunSettingsDraft,
  generation: Generation,
): { overrides: RunOverrides; errors: RunSettingsErrors } {
  const overrides: RunOverrides = {};
  const errors: RunSettingsErrors = {};
  const temperature = parsedNumber(draft.temperature);
  if (temperature !== null) {
    if (Number.isNaN(temperature) || temperature < 0 || temperature > 2) {
      errors.temperature = "A number from 0 to 2";
    } else if (temperature !== generation.temperature) overrides.temperature = temperature;
  }
  if (draft.reasoningEffort !== generation.reasoning_effort) {
    overrides.reasoning_effort = draft.reasoningEffort;
  }
  const cap = maxOutputTokensCap(generation);
  const maxOutputTokens = parsedNumber(draft.maxOutputTokens);
  if (maxOutputTokens !== null) {
    if (!Number.isInteger(maxOutputTokens) || maxOutputTokens < 1 || maxOutputTokens > cap) {
      errors.maxOutputTokens = `A whole number from 1 to ${cap.toLocaleString("en")}`;
    } else if (maxOutputTokens !== generation.max_output_tokens) {
      overrides.max_output_tokens = maxOutputTokens;
    }
  }
  return { overrides, errors };
}

/** One line on what the next answers get, e.g. "temperature 0.2 · effort high · max 200 tokens". */
export function summaryOf(overrides: RunOverrides): string | null {
  const parts = [
    overrides.temperature !== undefined && `temperature ${overrides.temperature}`,
    overrides.reasoning_effort && `effort ${overrides.reasoning_effort}`,
    overrides.max_output_tokens !== undefined &&
      `max ${overrides.max_output_tokens.toLocaleString("en")} tokens`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : null;
}
