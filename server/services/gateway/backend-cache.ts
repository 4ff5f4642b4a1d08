// The enabled backends, for resolving a model on the hot path (see cache/read-cache.ts).
import { getDb, type Backend } from "../../db/client";
import { createReadCache } from "../cache/read-cache";

const enabledBackends = createReadCache<Backend[]>("enabled-backends", 1);

export function findEnabledBackendsCached(): Promise<Backend[]> {
  return enabledBackends.get("enabled", () =>
    getDb().backend.findMany({ where: { enabled: true }, orderBy: { name: "asc" } }),
  );
}

/** Called by every write to a backend. */
export function forgetBackends(): void {
  enabledBackends.forget();
}
