// Assistant rows for the runtime's hot path (see cache/read-cache.ts for the staleness bound).
import { getDb, type Assistant } from "../../db/client";
import { createReadCache } from "../cache/read-cache";

const assistants = createReadCache<Assistant | null>("assistants");

export function findAssistantCached(id: string): Promise<Assistant | null> {
  return assistants.get(id, () => getDb().assistant.findUnique({ where: { id } }));
}

/** Called by every write to an assistant, so this replica never serves a stale one. */
export function forgetAssistant(id: string): void {
  assistants.forget(id);
}
