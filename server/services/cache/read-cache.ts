// Short-lived read caches for the runtime's hot path (API keys, assistants, backends), so that a
// question costs no database reads before it reaches the model. Writers on this replica forget an
// entry at once; with other replicas, the forget is published to them (cache-sync.ts: PostgreSQL
// NOTIFY, within milliseconds), and the TTL bounds staleness should a notice be lost (a revoked
// key or a disabled assistant stops working everywhere within that time; docs/deployment.md).
// Each cache is kept on globalThis under its name: Next.js bundles a module into several chunks,
// and a cache per copy would let the copy that did not see a write serve the old value.
import { LRUCache } from "lru-cache";

export const READ_CACHE_TTL_MS = 5_000;

/** Tells the other replicas of a forget (set by cache-sync.ts when there are others). */
export type ForgetPublisher = (name: string, key: string | null) => void;

const globals = globalThis as unknown as {
  hearthReadCaches?: Map<string, LRUCache<string, { value: unknown }>>;
  hearthForgetPublisher?: ForgetPublisher;
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
      forgetLocally(name, key ?? null);
      globals.hearthForgetPublisher?.(name, key ?? null);
    },
  };
}

/** Forgets an entry (or, with a null key, the whole cache) in this process only. */
export function forgetLocally(name: string, key: string | null): void {
  const cache = registry.get(name);
  if (key === null) cache?.clear();
  else cache?.delete(key);
}

export function setForgetPublisher(publisher: ForgetPublisher | undefined): void {
  globals.hearthForgetPublisher = publisher;
}

/** Empties every read cache (tests reset the database between cases). */
export function clearReadCaches(): void {
  for (const cache of registry.values()) cache.clear();
}
