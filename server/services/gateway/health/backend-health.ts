// The health of one backend as this replica sees it: a state (healthy, degraded, draining, down),
// the reason, and since when. Active probes and the outcomes of real requests feed it, with
// hysteresis: `ejectAfter` consecutive hard failures take a backend down, `readmitAfter`
// consecutive successful probes bring it back. Between the two, softer signals (a recent failure,
// a high error rate, a nearly full KV cache, first-token times drifting far above their usual
// level) mark it degraded: still used, but only when healthier backends are busier. Time is passed
// in, so the rules are tested without clocks.

export type BackendState = "healthy" | "degraded" | "draining" | "down";

export interface HealthPolicy {
  ejectAfter: number;
  readmitAfter: number;
  /** Window of request outcomes for the error rate. */
  errorWindowMs: number;
  /** Error rate (0..1) over the window that marks the backend degraded... */
  degradedErrorRate: number;
  /** ...once the window holds at least this many requests. */
  minRequestsForErrorRate: number;
  /** KV-cache use (0..1) at which vLLM starts to preempt requests. */
  degradedKvCacheUsage: number;
  /** Recent time to first token this many times its long-run level marks it degraded. */
  ttftDriftFactor: number;
  /** First-token times needed before drift is judged. */
  minTtftSamples: number;
}

export const defaultHealthPolicy: HealthPolicy = {
  ejectAfter: 3,
  readmitAfter: 2,
  errorWindowMs: 60_000,
  degradedErrorRate: 0.25,
  minRequestsForErrorRate: 4,
  degradedKvCacheUsage: 0.95,
  ttftDriftFactor: 3,
  minTtftSamples: 20,
};

/** What vLLM's /metrics says about the load on the server (null where it did not say). */
export interface BackendLoad {
  running: number | null;
  waiting: number | null;
  kvCacheUsage: number | null;
}

export type ProbeResult =
  | { ok: true; latencyMs: number; load: BackendLoad | null }
  | { ok: false; latencyMs: number; reason: string };

/**
 * One request's outcome. `hard` failures (the backend unreachable, failing with 5xx, silent past
 * the first-token deadline, or stalling) count toward ejection; a 4xx the request caused does not
 * count at all.
 */
export type RequestOutcome =
  { ok: true; ttftMs: number | null } | { ok: false; hard: boolean; reason: string };

export interface BackendHealthSnapshot {
  state: BackendState;
  reason: string;
  since: number;
  checkedAt: number | null;
  probeLatencyMs: number | null;
  consecutiveFailures: number;
  load: BackendLoad | null;
  errorRate: number | null;
  recentRequests: number;
  ttftMs: number | null;
  rateLimitedUntil: number | null;
}

const FAST_EWMA = 0.3;
const SLOW_EWMA = 0.02;

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export class BackendHealth {
  private state: BackendState = "healthy";
  private reason = "not probed yet";
  private since: number;
  private failures = 0;
  private successes = 0;
  private lastFailure: string | null = null;
  private draining = false;
  private checkedAt: number | null = null;
  private probeLatencyMs: number | null = null;
  private load: BackendLoad | null = null;
  private outcomes: Array<{ at: number; ok: boolean }> = [];
  private ttftFast: number | null = null;
  private ttftSlow: number | null = null;
  private ttftSamples = 0;
  private rateLimitedUntil = 0;

  constructor(
    private readonly policy: HealthPolicy,
    now: number,
    private readonly onChange: (state: BackendState, reason: string) => void = () => {},
  ) {
    this.since = now;
  }

  get current(): BackendState {
    return this.state;
  }

  /** Whether new requests may go here now (not down, not draining, not told to back off). */
  acceptsRequests(now: number): boolean {
    return (this.state === "healthy" || this.state === "degraded") && now >= this.rateLimitedUntil;
  }

  rateLimitedFor(now: number): number {
    return Math.max(0, this.rateLimitedUntil - now);
  }

  recordProbe(result: ProbeResult, now: number): void {
    this.checkedAt = now;
    this.probeLatencyMs = Math.round(result.latencyMs);
    if (result.ok) {
      if (result.load) this.load = result.load;
      this.succeed(now);
    } else {
      this.fail(`probe failed: ${result.reason}`, now);
    }
  }

  recordRequest(outcome: RequestOutcome, now: number): void {
    this.outcomes.push({ at: now, ok: outcome.ok });
    this.prune(now);
    if (outcome.ok) {
      if (outcome.ttftMs !== null) this.observeTtft(outcome.ttftMs);
      // A served request proves the backend works, but only probes readmit a down one.
      if (this.state !== "down") {
        this.failures = 0;
        this.lastFailure = null;
      }
      this.evaluate(now);
    } else if (outcome.hard) {
      this.fail(`request failed: ${outcome.reason}`, now);
    } else {
      this.evaluate(now);
    }
  }

  /** The backend answered 429: no new requests until Retry-After has passed. */
  recordRateLimited(retryAfterMs: number, now: number): void {
    this.rateLimitedUntil = Math.max(this.rateLimitedUntil, now + retryAfterMs);
  }

  setDraining(draining: boolean, now: number): void {
    if (this.draining === draining) return;
    this.draining = draining;
    this.evaluate(now);
  }

  snapshot(now: number): BackendHealthSnapshot {
    this.prune(now);
    const recent = this.outcomes.length;
    const failed = this.outcomes.filter((outcome) => !outcome.ok).length;
    return {
      state: this.state,
      reason: this.reason,
      since: this.since,
      checkedAt: this.checkedAt,
      probeLatencyMs: this.probeLatencyMs,
      consecutiveFailures: this.failures,
      load: this.load,
      errorRate: recent > 0 ? failed / recent : null,
      recentRequests: recent,
      ttftMs: this.ttftFast === null ? null : Math.round(this.ttftFast),
      rateLimitedUntil: this.rateLimitedUntil > now ? this.rateLimitedUntil : null,
    };
  }

  private succeed(now: number): void {
    this.successes += 1;
    this.failures = 0;
    this.lastFailure = null;
    // A fresh start: errors from before the outage say nothing about the backend now.
    if (this.state === "down" && this.successes >= this.policy.readmitAfter) this.outcomes = [];
    this.evaluate(now);
  }

  private fail(reason: string, now: number): void {
    this.failures += 1;
    this.successes = 0;
    this.lastFailure = reason;
    this.evaluate(now);
  }

  private observeTtft(ms: number): void {
    this.ttftSamples += 1;
    this.ttftFast = this.ttftFast === null ? ms : this.ttftFast + FAST_EWMA * (ms - this.ttftFast);
    this.ttftSlow = this.ttftSlow === null ? ms : this.ttftSlow + SLOW_EWMA * (ms - this.ttftSlow);
  }

  private prune(now: number): void {
    const oldest = now - this.policy.errorWindowMs;
    let drop = 0;
    while (drop < this.outcomes.length && this.outcomes[drop]!.at < oldest) drop += 1;
    if (drop > 0) this.outcomes.splice(0, drop);
  }

  private evaluate(now: number): void {
    const [state, reason] = this.judge(now);
    this.reason = reason;
    if (state === this.state) return;
    this.state = state;
    this.since = now;
    this.onChange(state, reason);
  }

  private judge(now: number): [BackendState, string] {
    const { policy } = this;
    if (this.failures >= policy.ejectAfter) {
      return ["down", `${this.failures} consecutive failures; last: ${this.lastFailure}`];
    }
    const readmitted = this.state === "down";
    if (readmitted && this.successes < policy.readmitAfter) {
      return [
        "down",
        this.successes > 0
          ? `recovering: ${this.successes} of ${policy.readmitAfter} probes passed`
          : `still failing; last: ${this.lastFailure}`,
      ];
    }
    if (this.draining) return ["draining", "draining: no new requests; running ones finish"];
    const degraded = this.degradedReason(now);
    if (degraded) return ["degraded", degraded];
    return ["healthy", readmitted ? "readmitted: probes pass again" : "probes and requests pass"];
  }

  private degradedReason(now: number): string | null {
    const { policy } = this;
    if (this.failures > 0) {
      return `${this.failures} of ${policy.ejectAfter} failures before ejection; last: ${this.lastFailure}`;
    }
    this.prune(now);
    const recent = this.outcomes.length;
    if (recent >= policy.minRequestsForErrorRate) {
      const rate = this.outcomes.filter((outcome) => !outcome.ok).length / recent;
      if (rate >= policy.degradedErrorRate) {
        return `${percent(rate)} of the last ${recent} requests failed`;
      }
    }
    const kv = this.load?.kvCacheUsage;
    if (kv != null && kv >= policy.degradedKvCacheUsage) return `KV cache ${percent(kv)} full`;
    if (
      this.ttftSamples >= policy.minTtftSamples &&
      this.ttftFast !== null &&
      this.ttftSlow !== null &&
      this.ttftFast > policy.ttftDriftFactor * this.ttftSlow
    ) {
      return `first token after ${seconds(this.ttftFast)}, ${(this.ttftFast / this.ttftSlow).toFixed(1)}x its usual ${seconds(this.ttftSlow)}`;
    }
    return null;
  }
}
