// When the next round of health probes is due. Under traffic, or while anything about the backends
// is in question, rounds run every HEARTH_HEALTH_INTERVAL_MS. When a round changes nothing (every
// backend healthy before and after, every probe passed, the same backends) and nobody asked for
// the backends in between, the wait doubles, up to IDLE_BACKOFF_FACTOR intervals: an idle server
// then wakes every 16 s (at the 2 s default) instead of every 2. Demand (a request to a model, or
// someone reading backend health) brings the interval back at once. Time is passed in, so the
// schedule is tested without clocks.

/** At most this many intervals between two rounds of an idle replica whose backends are healthy. */
export const IDLE_BACKOFF_FACTOR = 8;

/** What one round of probes saw. */
export interface ProbeRound {
  /** The backends probed, with their states after the round (in a stable order). */
  backends: readonly { id: string; state: string }[];
  /** Every probe of the round passed. */
  allPassed: boolean;
}

const signatureOf = (round: ProbeRound) =>
  round.backends.map((backend) => `${backend.id}:${backend.state}`).join(",");

export class ProbeSchedule {
  private delayMs: number;
  private lastSignature: string | null = null;
  private demanded = false;
  private lastRoundAt = Number.NEGATIVE_INFINITY;
  private dueAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly maxDelayMs = intervalMs * IDLE_BACKOFF_FACTOR,
  ) {
    this.delayMs = intervalMs;
  }

  /** The wait before the next round, now that a round that started at `startedAt` has ended. */
  afterRound(round: ProbeRound, startedAt: number, now: number): number {
    const signature = signatureOf(round);
    const quiet =
      !this.demanded &&
      round.allPassed &&
      round.backends.every((backend) => backend.state === "healthy") &&
      signature === this.lastSignature;
    this.lastSignature = signature;
    this.demanded = false;
    this.lastRoundAt = startedAt;
    this.delayMs = quiet ? Math.min(this.maxDelayMs, this.delayMs * 2) : this.intervalMs;
    const wait = Math.max(0, startedAt + this.delayMs - now);
    this.dueAt = now + wait;
    return wait;
  }

  /**
   * Traffic, a reader of health or a state change: the interval is back. Returns how long from
   * `now` the next round should run when that is sooner than planned (the caller reschedules),
   * or null when the plan stands.
   */
  demand(now: number): number | null {
    this.demanded = true;
    this.delayMs = this.intervalMs;
    const due = this.lastRoundAt + this.intervalMs;
    if (due >= this.dueAt) return null;
    this.dueAt = Math.max(now, due);
    return this.dueAt - now;
  }

  /** The wait the schedule is at now (for tests and logs). */
  get currentDelayMs(): number {
    return this.delayMs;
  }
}
