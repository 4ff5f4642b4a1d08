// Finds what serves a model for one request: an enabled backend that lists it (several may; the
// gateway issue adds health-gated routing among them), or the retrieval-only engine when no model
// is configured at all. A model that no enabled backend serves, while others are configured, is a
// clear 503 NO_BACKEND rather than a silent downgrade.
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { engineFor } from "./engine-cache";
import type { Engine } from "./engines/engine";
import { createRetrievalOnlyEngine } from "./engines/retrieval-only-engine";

export interface ResolvedEngine {
  engine: Engine;
  backend: { id: string; name: string } | null;
}

const retrievalOnly = createRetrievalOnlyEngine();

export async function resolveEngine(model: string): Promise<ResolvedEngine> {
  const db = getDb();
  const candidates = await db.backend.findMany({
    where: { enabled: true, models: { has: model } },
    orderBy: { name: "asc" },
  });
  const backend = candidates[0];
  if (backend) return { engine: await engineFor(backend), backend: { id: backend.id, name: backend.name } };
  const anyEnabled = await db.backend.count({ where: { enabled: true } });
  if (anyEnabled === 0) return { engine: retrievalOnly, backend: null };
  throw new AppError(
    "NO_BACKEND",
    `No enabled backend serves the model '${model}': register one under Backends, or change the assistant's model`,
  );
}
