// Finds what serves a model for one request: an enabled backend that lists it (several may; the
// gateway issue adds health-gated routing among them), or the retrieval-only engine when no model
// is configured at all. A model that no enabled backend serves, while others are configured, is a
// clear 503 NO_BACKEND rather than a silent downgrade.
import { AppError } from "../../errors";
import { findEnabledBackendsCached } from "../backends/backend-cache";
import { engineFor } from "./engine-cache";
import type { Engine } from "./engines/engine";
import { createRetrievalOnlyEngine } from "./engines/retrieval-only-engine";

export interface ResolvedEngine {
  engine: Engine;
  backend: { id: string; name: string } | null;
}

const retrievalOnly = createRetrievalOnlyEngine();

export async function resolveEngine(model: string): Promise<ResolvedEngine> {
  const enabled = await findEnabledBackendsCached();
  const backend = enabled.find((candidate) => candidate.models.includes(model));
  if (backend) return { engine: await engineFor(backend), backend: { id: backend.id, name: backend.name } };
  if (enabled.length === 0) return { engine: retrievalOnly, backend: null };
  throw new AppError(
    "NO_BACKEND",
    `No enabled backend serves the model '${model}': register one under Backends, or change the assistant's model`,
  );
}
