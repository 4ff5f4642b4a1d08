// Whether assistants can reach a model now, as the gateway of the replica that answers sees its
// backends: what the console's health badges (Overview, assistants list, assistant page) and its
// banner read. `assistantServing` is the one rule both the server (the banner's list) and the
// console (a badge per assistant) apply, so they cannot disagree.
import { z } from "zod";
import { backendStateSchema } from "./backend";
import { timestampSchema } from "./common";

export const servingBackendSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: backendStateSchema,
  reason: z.string(),
  since: timestampSchema,
});
export type ServingBackend = z.infer<typeof servingBackendSchema>;

export const servingStateSchema = z.enum(["healthy", "degraded", "unreachable", "retrieval_only"]).meta({
  description:
    "`healthy`: a healthy backend serves the assistant's model. `degraded`: only degraded backends serve " +
    "it, or only a fallback model is served. `unreachable`: no enabled backend of any of its models takes " +
    "requests. `retrieval_only`: no backend is enabled at all, so answers quote the documents only.",
});
export type ServingState = z.infer<typeof servingStateSchema>;

export const servingSchema = z.object({
  checked_at: timestampSchema,
  retrieval_only: z.boolean().meta({ description: "No enabled backend: answers quote the documents." }),
  models: z
    .array(z.object({ model: z.string(), backends: z.array(servingBackendSchema) }))
    .meta({ description: "Each model an enabled backend serves, with those backends' health." }),
  unreachable: z
    .array(z.object({ id: z.string(), name: z.string(), model: z.string(), reason: z.string() }))
    .meta({ description: "Enabled assistants with no reachable model (the first few, by name)." }),
  unreachable_total: z.number().int(),
});
export type Serving = z.infer<typeof servingSchema>;

export interface AssistantServing {
  state: ServingState;
  reason: string;
  /** The backends of the assistant's model, then those of its fallbacks, each once. */
  backends: ServingBackend[];
}

const takesRequests = (backend: ServingBackend) =>
  backend.state === "healthy" || backend.state === "degraded";

const names = (backends: readonly ServingBackend[]) => backends.map((backend) => backend.name).join(", ");

function outage(model: string, backends: readonly ServingBackend[]): string {
  if (backends.length === 0) return `No enabled backend serves '${model}'`;
  return backends.map((backend) => `${backend.name} is ${backend.state} (${backend.reason})`).join("; ");
}

/** Whether one assistant (its model, then its fallbacks in order) can be answered now, and why. */
export function assistantServing(
  assistant: { model: string; fallback_models: readonly string[] },
  serving: Pick<Serving, "retrieval_only" | "models">,
): AssistantServing {
  if (serving.retrieval_only) {
    return {
      state: "retrieval_only",
      reason: "No model backend is enabled: answers quote the documents only",
      backends: [],
    };
  }
  const byModel = new Map(serving.models.map((entry) => [entry.model, entry.backends]));
  const models = [assistant.model, ...assistant.fallback_models];
  const backends = [
    ...new Map(models.flatMap((model) => byModel.get(model) ?? []).map((b) => [b.id, b])).values(),
  ];
  const primary = byModel.get(assistant.model) ?? [];
  const live = primary.filter(takesRequests);
  const healthy = live.filter((backend) => backend.state === "healthy");
  if (healthy.length > 0) return { state: "healthy", reason: `Served by ${names(healthy)}`, backends };
  if (live.length > 0) {
    return { state: "degraded", reason: live.map((b) => `${b.name}: ${b.reason}`).join("; "), backends };
  }
  const fallback = assistant.fallback_models.find((model) => (byModel.get(model) ?? []).some(takesRequests));
  if (fallback) {
    return {
      state: "degraded",
      reason: `${outage(assistant.model, primary)}: answering with the fallback '${fallback}'`,
      backends,
    };
  }
  return { state: "unreachable", reason: outage(assistant.model, primary), backends };
}
