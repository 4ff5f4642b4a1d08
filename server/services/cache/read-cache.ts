// Short-lived read caches for the runtime's hot path (API keys, assistants, backends), so that a
// question costs no database reads before it reaches the model. Writers on this replica forget an
// entry at once; other replicas see a change within the TTL, the bound on staleness documented in
// the README (a revoked key or a disabled assistant stops working within that time everywhere).
import { LRUCache } from "lru-cache";

export const READ_CACHE_TTL_MS = 5_000;

const registry: LRUCache<string, { value: unknown }>[] = [];

/** A cache of `null`-able values (a cached `null` remembers "not found" for the TTL too). */
export function createReadCache<T>(max = 1_000) {
  const cache = new LRUCache<string, { value: T }>({ max, ttl: READ_CACHE_TTL_MS });
  registry.push(cache as LRUCache<string, { value: unknown }>);
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
  for (const cache of registry) cache.clear();
}
