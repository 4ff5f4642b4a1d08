// Which models the enabled backends serve and in what health (this replica's gateway view, no
// probe: the console polls it), and the enabled assistants that no backend can answer now. What the
// console's health badges and its "no reachable model" banner read.
import { getDb } from "../../db/client";
import { assistantServing, type Serving, type ServingBackend } from "../../schemas/serving";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { backendHealthById } from "../gateway/backend-health-view";
import { syncedBackends } from "../gateway/gateway-instance";

/** The banner names a few; the console links to the full list. */
const LISTED_UNREACHABLE = 20;

async function servedModels(): Promise<{ enabled: number; models: Serving["models"] }> {
  const [rows, health] = await Promise.all([syncedBackends(), backendHealthById()]);
  const byModel = new Map<string, ServingBackend[]>();
  for (const row of rows) {
    const view = health.get(row.id);
    const backend: ServingBackend = {
      id: row.id,
      name: row.name,
      state: view?.state ?? "healthy",
      reason: view?.reason ?? "",
      since: view?.since ?? new Date().toISOString(),
    };
    for (const model of row.models) byModel.set(model, [...(byModel.get(model) ?? []), backend]);
  }
  const models = [...byModel]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([model, backends]) => ({ model, backends }));
  return { enabled: rows.length, models };
}

export async function readServing(actor: Actor): Promise<Serving> {
  authorize(actor, "backends:read");
  authorize(actor, "assistants:read");
  const [{ enabled, models }, assistants] = await Promise.all([
    servedModels(),
    getDb().assistant.findMany({
      where: { enabled: true },
      select: { id: true, name: true, model: true, fallbackModels: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  // With no enabled backend at all, admission has nothing to admit to: answers quote the documents.
  const retrievalOnly = enabled === 0;
  const unreachable = assistants.flatMap((assistant) => {
    const { state, reason } = assistantServing(
      { model: assistant.model, fallback_models: assistant.fallbackModels },
      { retrieval_only: retrievalOnly, models },
    );
    return state === "unreachable"
      ? [{ id: assistant.id, name: assistant.name, model: assistant.model, reason }]
      : [];
  });
  return {
    checked_at: new Date().toISOString(),
    retrieval_only: retrievalOnly,
    models,
    unreachable: unreachable.slice(0, LISTED_UNREACHABLE),
    unreachable_total: unreachable.length,
  };
}
