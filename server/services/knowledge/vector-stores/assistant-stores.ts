// The vector stores an assistant answers from, cached for the question path (a question costs no
// store lookup in the database while the cache is fresh; writers on this replica forget it).
import { getDb, type VectorStore } from "../../../db/client";
import { createReadCache } from "../../cache/read-cache";

const cache = createReadCache<VectorStore[]>("assistant-stores");

export function getAssistantStores(assistantId: string): Promise<VectorStore[]> {
  return cache.get(assistantId, () =>
    getDb().vectorStore.findMany({ where: { assistantId }, orderBy: { createdAt: "asc" } }),
  );
}

export function forgetAssistantStores(assistantId: string): void {
  cache.forget(assistantId);
}
