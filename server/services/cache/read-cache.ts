// Short-lived read caches for the runtime's hot path (API keys, assistants, backends), so that a
// question costs no database reads before it reaches the model. Writers on this replica forget an
// entry at once; other replicas see a change within the TTL, the bound on staleness documented in
// docs/deployment.md (a revoked key or a disabled assistant stops working within that time
// everywhere).
// Each cache is kept on globalThis under its name: Next.js bundles a module into several chunks,
// and a cache per copy would let the copy that did not see a write serve the old value.
import { LRUCache } from "lru-cache";

export const READ_CACHE_TTL_MS = 5_000;

const globals = globalThis as unknown as {
  hearthReadCaches?: Map<string, LRUCache<string, { value: unknown }>>;
};
type SharedCache = LRUCache<string, { value: unknown }>;
const registry: Map<string, SharedCache> = (globals.hearthReadCaches ??= new Map<string, SharedCache>());

/** A cache of `null`-able values (a cached `null` remembers "not found" for the TTL too). */
export function createReadCache<T>(name: string, max = 1_000) {
  let shared = registry.get(name);
  if (!shared) {
    shared = new LRUCache<string, { value: unknown }>({ max, ttl: READ_CACHE_TTL_MS });
    registry.set(name, shared);
  }
  const cache = shared as unknown as LRUCache<string, { value: T }>;
  return {
    async get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = cache.get(key);
      if (hit) return hit.value;
      const value = await load();
      cache.set(key, { value });
      return value;
    },
    forget(key?: string) {
      if (key === undefined) cache.clear();
      else cache.delete(key);
    },
  };
}

/** Empties every read cache (tests reset the database between cases). */
export function clearReadCaches(): void {
  for (const cache of registry.values()) cache.clear();
}
