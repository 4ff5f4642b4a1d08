// Which backend takes the next request, among those that accept requests and have a free slot:
// power of two choices on outstanding work relative to capacity (two random candidates, the less
// loaded wins; a degraded backend counts as twice as loaded), so load spreads by capacity without
// every replica stampeding onto the same "least loaded" backend. With a session key, the session's
// own backend (rendezvous hashing: stable while the set of backends is) is preferred while it has
// room and is at most one request busier than the least loaded (relative to capacity), so vLLM's
// prefix cache keeps the conversation's earlier turns without a few sessions that happen to hash
// alike piling onto one backend (consistent hashing with bounded loads).
import { createHash } from "node:crypto";

export interface Candidate {
  id: string;
  outstanding: number;
  capacity: number;
  degraded: boolean;
}

function load(candidate: Candidate): number {
  return ((candidate.outstanding + 1) / candidate.capacity) * (candidate.degraded ? 2 : 1);
}

function affinityScore(sessionKey: string, id: string): number {
  return createHash("sha1").update(sessionKey).update("\0").update(id).digest().readUInt32BE(0);
}

/** The session's preferred backend among `candidates` (whether or not it has room now). */
export function preferredFor<T extends { id: string }>(
  sessionKey: string,
  candidates: readonly T[],
): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = affinityScore(sessionKey, candidate.id);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Whether a session's own backend takes its next request: it has a free slot, it is not degraded
 * (unless every free one is), and it is at most one request busier than the least loaded free one.
 */
function keepsSession<T extends Candidate>(preferred: T | null, free: readonly T[]): preferred is T {
  if (!preferred || !free.includes(preferred)) return false;
  if (preferred.degraded && !free.every((candidate) => candidate.degraded)) return false;
  const lightest = Math.min(...free.map(load));
  return load(preferred) - lightest <= 1 / preferred.capacity + 1e-9;
}

export function chooseBackend<T extends Candidate>(
  candidates: readonly T[],
  sessionKey: string | null,
  random: () => number = Math.random,
): T | null {
  const free = candidates.filter((candidate) => candidate.outstanding < candidate.capacity);
  if (free.length === 0) return null;
  if (sessionKey) {
    const preferred = preferredFor(sessionKey, candidates);
    if (keepsSession(preferred, free)) return preferred;
  }
  if (free.length === 1) return free[0]!;
  const first = Math.floor(random() * free.length);
  let second = Math.floor(random() * (free.length - 1));
  if (second >= first) second += 1;
  const a = free[first]!;
  const b = free[second]!;
  return load(b) < load(a) ? b : a;
}

/**
 * Every candidate with a free slot in this replica's view, in order of preference: the session's
 * own backend first (as chooseBackend prefers it), then the least loaded, ties in random order.
 * Cluster admission tries them in this order against the slots all replicas share.
 */
export function rankBackends<T extends Candidate>(
  candidates: readonly T[],
  sessionKey: string | null,
  random: () => number = Math.random,
): T[] {
  const free = candidates.filter((candidate) => candidate.outstanding < candidate.capacity);
  const ranked = free
    .map((candidate) => ({ candidate, load: load(candidate), tie: random() }))
    .sort((a, b) => a.load - b.load || a.tie - b.tie)
    .map(({ candidate }) => candidate);
  if (!sessionKey) return ranked;
  const preferred = preferredFor(sessionKey, candidates);
  if (!keepsSession(preferred, free)) return ranked;
  return [preferred, ...ranked.filter((candidate) => candidate !== preferred)];
}
