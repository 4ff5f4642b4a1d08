"use client";
// One assistant's serving state as a badge (with the reason beside it when it is not healthy), as
// `assistantServing` decides it from the backends' health.
import type { AssistantDto } from "@/server/schemas/assistant";
import { assistantServing, type ServingState } from "@/server/schemas/serving";
import { Badge, type BadgeTone } from "../ui/badge";
import { useServing } from "./use-serving";

export const servingTones: Record<ServingState, BadgeTone> = {
  healthy: "success",
  degraded: "warning",
  unreachable: "danger",
  retrieval_only: "neutral",
};

export const servingNames: Record<ServingState, string> = {
  healthy: "Model healthy",
  degraded: "Model degraded",
  unreachable: "Model unreachable",
  retrieval_only: "Documents only",
};

type ServedAssistant = Pick<AssistantDto, "id" | "model" | "fallback_models" | "enabled">;

/** The assistant's state, or null until the backends' health is known. */
export function useAssistantServing(assistant: ServedAssistant) {
  const serving = useServing();
  return serving.data ? assistantServing(assistant, serving.data) : null;
}

export function ServingBadge({
  assistant,
  withReason = false,
}: {
  assistant: ServedAssistant;
  withReason?: boolean;
}) {
  const serving = useAssistantServing(assistant);
  if (!serving) return null;
  return (
    <span className="inline-flex min-w-0 flex-col gap-0.5" data-testid={`serving-${assistant.id}`}>
      <span title={serving.reason}>
        <Badge tone={servingTones[serving.state]}>{servingNames[serving.state]}</Badge>
      </span>
      {withReason && serving.state !== "healthy" && (
        <span className="max-w-64 text-xs text-stone-500 dark:text-stone-400">{serving.reason}</span>
      )}
    </span>
  );
}
