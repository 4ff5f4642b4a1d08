// A run's own generation settings (the ask/stream request's `overrides`: the playground's "Run
// settings"), laid over the assistant's for one answer and never saved. The operator's output cap
// stays a cap: a run may ask for fewer output tokens than the assistant allows, never more.
import { AppError } from "../../errors";
import type { AssistantDto } from "../../schemas/assistant";
import type { RunOverrides } from "../../schemas/chat";

export function runOverrides(
  assistant: AssistantDto,
  overrides: RunOverrides | undefined,
): Partial<AssistantDto["generation"]> {
  if (!overrides) return {};
  const cap = assistant.generation.max_output_tokens;
  const asked = overrides.max_output_tokens;
  if (cap !== null && asked !== undefined && asked > cap) {
    const message = `overrides.max_output_tokens is ${asked}; this assistant allows at most ${cap}`;
    throw new AppError("INVALID_INPUT", message, {
      details: [{ path: "overrides.max_output_tokens", message }],
    });
  }
  return overrides;
}
