// The models an assistant can use: those its enabled backends serve, as the gateway matches them
// (exact names). With no enabled backend at all, answers come from the knowledge only, so a model
// is not "unserved" then; with some, a model none of them serves answers 503 NO_BACKEND.
import type { BackendDto } from "@/server/schemas/backend";

/** Every model an enabled backend serves, once each, sorted. */
export function servedModels(backends: readonly BackendDto[]): string[] {
  const names = new Set(backends.filter((backend) => backend.enabled).flatMap((backend) => backend.models));
  return [...names].sort((a, b) => a.localeCompare(b));
}

export const UNSERVED_MODEL_WARNING =
  "No enabled backend serves this model; answers will fail with 503 NO_BACKEND until one does.";

/**
 * The models of `models` that no enabled backend serves; none while the backends are unknown
 * (`served` null), when no backend is enabled (retrieval-only), or for an empty name.
 */
export function unservedModels(models: readonly string[], served: readonly string[] | null): string[] {
  if (!served || served.length === 0) return [];
  return models.map((model) => model.trim()).filter((model) => model !== "" && !served.includes(model));
}
