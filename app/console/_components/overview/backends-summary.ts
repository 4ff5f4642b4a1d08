// The Overview's one line on the backends: how many are enabled, and what their states add up to,
// so that a backend that is down never reads as merely "enabled".
import type { BackendDto } from "@/server/schemas/backend";

/** "1 of 2 enabled · 1 healthy, 1 down": what the enabled backends' states add up to. */
export function backendsSummary(list: readonly Pick<BackendDto, "enabled" | "health">[]): string {
  const enabled = list.filter((backend) => backend.enabled);
  const counts = new Map<string, number>();
  for (const backend of enabled) {
    const state = backend.health?.state ?? "healthy";
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const states = (["healthy", "degraded", "draining", "down"] as const)
    .filter((state) => counts.has(state))
    .map((state) => `${counts.get(state)} ${state}`);
  return [`${enabled.length} of ${list.length} enabled`, ...(states.length ? [states.join(", ")] : [])].join(
    " · ",
  );
}

const attention = { down: 0, draining: 1, degraded: 2, healthy: 3 } as const;

/** The backends that need looking at first (down, draining, degraded), then healthy, then disabled. */
export function byAttention<T extends Pick<BackendDto, "enabled" | "health">>(list: readonly T[]): T[] {
  const rank = (backend: T) => (backend.enabled && backend.health ? attention[backend.health.state] : 4);
  return [...list].sort((a, b) => rank(a) - rank(b));
}
