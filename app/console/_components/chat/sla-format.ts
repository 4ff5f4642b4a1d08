// Words for SLA control, shared by the answers (playground, transcripts) and the assistant form's
// degradation ladder: "SLA 90 s · predicted 72 s · met", "reasoning low, max 512 tokens".
import type { SlaStep } from "@/server/schemas/assistant";
import type { SlaOutcome } from "@/server/schemas/chat";

/** A duration in the units SLA targets are set in: "850 ms", "1.5 s", "90 s". */
export function formatSlaDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? Number(seconds.toFixed(2)) : Number(seconds.toFixed(1))} s`;
}

/** One step's overrides, e.g. "reasoning low, max 512 tokens, model gpt-oss-20b". */
export function describeSlaStep(step: SlaStep): string {
  const parts: string[] = [];
  if (step.reasoning_effort) parts.push(`reasoning ${step.reasoning_effort}`);
  if (step.max_output_tokens !== undefined) parts.push(`max ${step.max_output_tokens} tokens`);
  if (step.model) parts.push(`model ${step.model}`);
  return parts.join(", ");
}

/** A ladder, mildest first: "reasoning low → max 512 tokens". */
export function describeSlaLadder(steps: readonly SlaStep[]): string {
  return steps.map(describeSlaStep).join(" → ");
}

/**
 * What steps 1..k amount to together, as the server applies them (sla/plan-within-sla.ts): a later
 * step's model and reasoning effort replace an earlier one's, and output caps only ever tighten.
 */
export function combineSlaSteps(steps: readonly SlaStep[]): SlaStep {
  return steps.reduce<SlaStep>((combined, step) => {
    const caps = [combined.max_output_tokens, step.max_output_tokens].filter((cap) => cap !== undefined);
    return { ...combined, ...step, ...(caps.length > 0 && { max_output_tokens: Math.min(...caps) }) };
  }, {});
}

export type SlaVerdict = "met" | "missed" | "pending";

export function slaVerdict(outcome: SlaOutcome): SlaVerdict {
  if (outcome.met === null) return "pending";
  return outcome.met ? "met" : "missed";
}

const verdictWords: Record<SlaVerdict, string> = {
  met: "met",
  missed: "missed",
  // Null until the answer is complete: an answer that failed or was stopped never gets a verdict.
  pending: "not judged",
};

/** "SLA 90 s · predicted 72 s · met" */
export function describeSlaOutcome(outcome: SlaOutcome): string {
  return [
    `SLA ${formatSlaDuration(outcome.target_ms)}`,
    `predicted ${formatSlaDuration(outcome.predicted_ms)}`,
    verdictWords[slaVerdict(outcome)],
  ].join(" · ");
}

/** "degraded: reasoning low, max 512 tokens", or null when the answer was not degraded. */
export function describeSlaDegradation(outcome: SlaOutcome): string | null {
  if (outcome.degraded.length === 0) return null;
  return `degraded: ${describeSlaStep(combineSlaSteps(outcome.degraded))}`;
}
