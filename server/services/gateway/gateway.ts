// The gateway of one replica: its view of every enabled backend (health and outstanding requests),
// and admission control. A request names its models (the assistant's, then its fallbacks) and is
// admitted to the first model with a backend that accepts requests: at once on a backend with a
// free slot (see choose-backend.ts), or into that model's bounded FIFO queue, where it waits at
// most the queue deadline. A full queue or a passed deadline is a 429 with Retry-After, never a
// 5xx or an unbounded wait; a model whose every backend is down is a 503 at once. A lease holds a
// slot until it is released with the request's outcome, which also feeds the backend's health.
// Health and queues are per replica, in memory. With a slot ledger (cluster admission, see
// cluster/slot-ledger.ts) a backend's slots are shared by every replica: a request takes one from
// the ledger (admitShared), and the queues of all replicas are served oldest first.
import { randomUUID } from "node:crypto";
import type { Backend } from "../../db/client";
import { AppError, type RateLimitInfo } from "../../errors";
import { logger } from "../../logger";
import { chooseBackend, preferredFor, rankBackends } from "./choose-backend";
import type { SlotLedger, SlotRequest } from "./cluster/slot-ledger";
import {
  BackendHealth,
  type BackendHealthSnapshot,
  type BackendState,
  type HealthPolicy,
  type ProbeResult,
  type RequestOutcome,
} from "./health/backend-health";

export interface GatewayOptions {
  policy: HealthPolicy;
  queueSize: number;
  queueTimeoutMs: number;
  affinity: boolean;
  now?: () => number;
  random?: () => number;
  /** Told of every state change (for logs and metrics). */
  onStateChange?: (backend: Backend, state: BackendState, reason: string) => void;
  /** Told of every admission refusal. */
  onReject?: (model: string, reason: RejectReason) => void;
  /** Slots shared with other replicas (cluster admission); unset: this replica's own count. */
  ledger?: SlotLedger;
}

export type RejectReason = "queue_full" | "queue_timeout" | "rate_limited" | "no_backend";

export interface AdmissionRequest {
  /** The assistant's model first, then its fallbacks. */
  models: readonly string[];
  sessionKey: string | null;
  /** A backend to take first when it has a free slot (SLA control's choice); else as usual. */
  prefer?: string | null;
  /** Backends already tried by this request (failover). */
  exclude?: ReadonlySet<string>;
  signal: AbortSignal;
}

export type LeaseOutcome = RequestOutcome | { cancelled: true } | { rateLimitedMs: number };

export interface Lease {
  backend: Backend;
  model: string;
  /** Time spent waiting in the queue. */
  queueMs: number;
  /** The backend's mean number of requests from this replica (this one included) since the lease began. */
  batch(): number;
  /** Frees the slot and records how the request went; later calls do nothing. */
  release(outcome: LeaseOutcome): void;
}

export interface Ticket {
  model: string;
  /** Whether the request waits in the queue (false: it has its backend already). */
  queued: boolean;
  lease: Promise<Lease>;
  /** Leaves the queue, or releases the lease unused. */
  cancel(): void;
}

interface BackendRuntime {
  backend: Backend;
  health: BackendHealth;
  outstanding: number;
  /** Cluster admission: requests asking the ledger for a slot, counted where they will likely land. */
  reserved: number;
  /** The integral of `outstanding` over time (request-milliseconds) up to `areaAt`. */
  area: number;
  areaAt: number;
  wake?: NodeJS.Timeout;
}

interface Waiter {
  id: string;
  model: string;
  sessionKey: string | null;
  prefer: string | null;
  exclude: ReadonlySet<string>;
  enqueuedAt: number;
  /** Its place in the cluster-wide queue once recorded (cluster admission only). */
  position: string | null;
  settled: boolean;
  grant(runtime: BackendRuntime, leaseId?: string): void;
  fail(error: AppError): void;
}

export interface BackendView {
  backend: Backend;
  health: BackendHealthSnapshot;
  outstanding: number;
}

/** A backend that could take a request of a model now or after a wait (SLA control's input). */
export interface ModelCandidate {
  backend: Backend;
  /** This replica's requests on it, with those asking the shared ledger for one of its slots. */
  outstanding: number;
  capacity: number;
  /** Requests vLLM last said it was running (every client's, not only this replica's), if known. */
  running: number | null;
  /** Whether it is the session's own backend (affinity). */
  sessionBackend: boolean;
}

const MAX_RETRY_AFTER_S = 60;
/** Cluster admission re-reads the shared slots this often while requests wait (a safety net). */
const SHARED_PUMP_MS = 500;

export const PUBLIC_NO_BACKEND_MESSAGE = "No model is available to answer right now; try again shortly";

/** A 503 whose message any caller may read; which backends are down, and why, is the detail. */
function noBackend(detail: string): AppError {
  return new AppError("NO_BACKEND", PUBLIC_NO_BACKEND_MESSAGE, { detail });
}

/** A refusal's rate-limit data in whole seconds (at least 1); the HTTP edge renders the headers. */
export function rateLimitOf(retryAfterSeconds: number, limit?: number): RateLimitInfo {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return {
    retryAfterSeconds: seconds,
    ...(limit !== undefined ? { limit, remaining: 0, resetSeconds: seconds } : {}),
  };
}

/** The cluster-wide queue order: by the time each waiter was recorded, then by id. */
function comparePlaces(a: Waiter, b: Waiter): number {
  const byTime = (a.position ?? "").localeCompare(b.position ?? "");
  return byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class Gateway {
  private readonly runtimes = new Map<string, BackendRuntime>();
  private readonly queues = new Map<string, Waiter[]>();
  /** Smoothed time a lease is held, per model: the basis of Retry-After estimates. */
  private readonly serviceMs = new Map<string, number>();
  private readonly now: () => number;
  private slotsReady: Promise<void> = Promise.resolve();
  private pumping = false;
  private pumpAgain = false;
  /** Slots this replica is freeing in the ledger right now (a round trip each). */
  private readonly freeing = new Set<Promise<void>>();
  private sharedPumpTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: GatewayOptions) {
    this.now = options.now ?? Date.now;
    options.ledger
      ?.subscribe(() => this.pumpAll())
      .catch((error: unknown) =>
        logger.error({ err: error }, "cluster admission: could not listen for freed slots"),
      );
  }

  /** Whether slots are shared with other replicas: then admit with admitShared. */
  get shared(): boolean {
    return this.options.ledger !== undefined;
  }

  /** Brings the view in line with the enabled backends (new ones start healthy, removed ones go). */
  sync(rows: readonly Backend[]): void {
    const seen = new Set<string>();
    for (const row of rows) {
      if (!row.enabled) continue;
      seen.add(row.id);
      const runtime = this.runtimes.get(row.id);
      if (runtime) {
        runtime.backend = row;
        runtime.health.setDraining(row.draining, this.now());
      } else {
        const fresh: BackendRuntime = {
          backend: row,
          outstanding: 0,
          reserved: 0,
          area: 0,
          areaAt: this.now(),
          health: new BackendHealth(this.options.policy, this.now(), (state, reason) =>
            this.stateChanged(fresh, state, reason),
          ),
        };
        fresh.health.setDraining(row.draining, this.now());
        this.runtimes.set(row.id, fresh);
      }
    }
    for (const [id, runtime] of this.runtimes) {
      if (seen.has(id)) continue;
      clearTimeout(runtime.wake);
      this.runtimes.delete(id);
    }
    const { ledger } = this.options;
    if (ledger) {
      const backends = [...this.runtimes.values()].map(({ backend }) => backend);
      this.slotsReady = ledger.syncSlots(backends).then(
        () => this.pumpAll(),
        (error: unknown) => logger.error({ err: error }, "cluster admission: could not create slots"),
      );
    }
    this.pumpAll();
  }

  backends(): BackendView[] {
    const now = this.now();
    return [...this.runtimes.values()].map((runtime) => ({
      backend: runtime.backend,
      health: runtime.health.snapshot(now),
      outstanding: runtime.outstanding,
    }));
  }

  view(backendId: string): BackendView | null {
    const runtime = this.runtimes.get(backendId);
    if (!runtime) return null;
    return {
      backend: runtime.backend,
      health: runtime.health.snapshot(this.now()),
      outstanding: runtime.outstanding,
    };
  }

  /**
   * The backends of `model` that accept requests now, with their load (SLA control predicts on each
   * and names one as `prefer`).
   */
  candidates(
    model: string,
    sessionKey: string | null,
    exclude: ReadonlySet<string> = new Set(),
  ): ModelCandidate[] {
    const now = this.now();
    const live = this.serving(model, exclude).filter((runtime) => runtime.health.acceptsRequests(now));
    const own =
      this.options.affinity && sessionKey
        ? preferredFor(
            sessionKey,
            live.map((runtime) => ({ id: runtime.backend.id })),
          )?.id
        : undefined;
    return live.map((runtime) => ({
      backend: runtime.backend,
      outstanding: runtime.outstanding + runtime.reserved,
      capacity: runtime.backend.maxConcurrency,
      running: runtime.health.snapshot(now).load?.running ?? null,
      sessionBackend: runtime.backend.id === own,
    }));
  }

  /** Requests of `model` waiting in this replica's queue. */
  waiting(model: string): number {
    return this.queues.get(model)?.length ?? 0;
  }

  queueDepths(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([model, queue]) => [model, queue.length]));
  }

  recordProbe(backendId: string, result: ProbeResult): void {
    this.runtimes.get(backendId)?.health.recordProbe(result, this.now());
    this.pumpAll();
  }

  /**
   * Admits a request, or throws at once: 429 when the chosen model's queue is full or its backends
   * asked to back off, 503 when no backend of any of its models accepts requests.
   */
  admit(request: AdmissionRequest): Ticket {
    const exclude = request.exclude ?? new Set<string>();
    return this.admitTo(this.admissibleModel(request, exclude), request, exclude);
  }

  /**
   * Cluster admission: as admit, against the slots every replica shares. A request takes a slot at
   * once when no request of its model waits anywhere and a backend has one free; otherwise it
   * waits in this replica's queue, which is served in the cluster-wide order.
   */
  async admitShared(request: AdmissionRequest): Promise<Ticket> {
    const ledger = this.options.ledger;
    if (!ledger) return this.admit(request);
    const exclude = request.exclude ?? new Set<string>();
    const model = this.admissibleModel(request, exclude);
    // Counted at once where it will likely land, so that requests arriving together (and SLA
    // control planning them) see each other while the slots load; acquireShared counts it again.
    const early = this.runtimes.get(
      this.ranked(model, request.sessionKey, exclude, request.prefer ?? null)[0] ?? "",
    );
    if (early) early.reserved += 1;
    try {
      await this.slotsReady;
    } finally {
      if (early) early.reserved -= 1;
    }
    if (!this.queues.get(model)?.length) {
      const ranked = this.ranked(model, request.sessionKey, exclude, request.prefer ?? null);
      if (ranked.length > 0) {
        const leaseId = randomUUID();
        const slot = { leaseId, backendIds: ranked, model, waiter: null };
        let backendId = await this.acquireShared(ledger, slot);
        // A slot this replica just freed is free at once here too, not a round trip later.
        if (!backendId && this.freeing.size > 0) {
          await Promise.all(this.freeing);
          backendId = await this.acquireShared(ledger, slot);
        }
        const runtime = backendId ? this.runtimes.get(backendId) : undefined;
        if (runtime) {
          const lease = this.lease(runtime, model, 0, leaseId);
          return {
            model,
            queued: false,
            lease: Promise.resolve(lease),
            cancel: () => lease.release({ cancelled: true }),
          };
        }
        if (backendId) await ledger.release(leaseId);
      }
    }
    const queue = this.queues.get(model) ?? [];
    if (queue.length >= this.options.queueSize) {
      this.options.onReject?.(model, "queue_full");
      throw this.overloaded(model, `Every backend of '${model}' is busy and the queue is full`);
    }
    return this.enqueue(model, queue, request, exclude);
  }

  /** The first of the request's models that a backend accepts requests for; else throws 429 or 503. */
  private admissibleModel(request: AdmissionRequest, exclude: ReadonlySet<string>): string {
    const now = this.now();
    let backOffMs: number | null = null;
    const outages: string[] = [];
    for (const model of request.models) {
      const serving = this.serving(model, exclude);
      if (serving.length === 0) continue;
      const live = serving.filter((runtime) => runtime.health.acceptsRequests(now));
      if (live.length === 0) {
        for (const runtime of serving) {
          const state = runtime.health.current;
          const wait = runtime.health.rateLimitedFor(now);
          if ((state === "healthy" || state === "degraded") && wait > 0) {
            backOffMs = backOffMs === null ? wait : Math.min(backOffMs, wait);
          } else {
            outages.push(`${runtime.backend.name} is ${state} (${runtime.health.snapshot(now).reason})`);
          }
        }
        continue;
      }
      return model;
    }
    const model = request.models[0] ?? "";
    if (backOffMs !== null) {
      this.options.onReject?.(model, "rate_limited");
      throw new AppError("RATE_LIMITED", "The model backends asked for a pause; retry shortly", {
        rateLimit: rateLimitOf(backOffMs / 1000),
      });
    }
    this.options.onReject?.(model, "no_backend");
    if (outages.length > 0) {
      throw noBackend(
        `No backend of ${request.models.map((name) => `'${name}'`).join(" or ")} is available: ${outages.join("; ")}`,
      );
    }
    throw noBackend(
      `No enabled backend serves the model '${model}': register one under Backends, or change the assistant's model`,
    );
  }

  private admitTo(model: string, request: AdmissionRequest, exclude: ReadonlySet<string>): Ticket {
    const picked = this.pick(model, request.sessionKey, exclude, request.prefer ?? null);
    if (picked) {
      const lease = this.lease(picked, model, 0);
      return {
        model,
        queued: false,
        lease: Promise.resolve(lease),
        cancel: () => lease.release({ cancelled: true }),
      };
    }
    const queue = this.queues.get(model) ?? [];
    if (queue.length >= this.options.queueSize) {
      this.options.onReject?.(model, "queue_full");
      throw this.overloaded(model, `Every backend of '${model}' is busy and the queue is full`);
    }
    return this.enqueue(model, queue, request, exclude);
  }

  private enqueue(
    model: string,
    queue: Waiter[],
    request: AdmissionRequest,
    exclude: ReadonlySet<string>,
  ): Ticket {
    let settled = false;
    let granted: Lease | null = null;
    let resolveLease!: (lease: Lease) => void;
    let rejectLease!: (error: unknown) => void;
    const lease = new Promise<Lease>((resolve, reject) => {
      resolveLease = resolve;
      rejectLease = reject;
    });
    // Nobody may be listening yet (the caller awaits it later); an unobserved rejection is not a bug.
    lease.catch(() => undefined);
    const ledger = this.options.ledger;
    let registered: Promise<unknown> = Promise.resolve();
    const leave = () => {
      waiter.settled = true;
      const index = queue.indexOf(waiter);
      if (index >= 0) queue.splice(index, 1);
      if (queue.length === 0) this.queues.delete(model);
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
      if (ledger) {
        void registered
          .then(() => ledger.dequeue(waiter.id))
          .catch((error: unknown) => logger.error({ err: error }, "cluster admission: could not dequeue"));
      }
    };
    const waiter: Waiter = {
      id: randomUUID(),
      model,
      sessionKey: request.sessionKey,
      prefer: request.prefer ?? null,
      exclude,
      enqueuedAt: this.now(),
      position: null,
      settled: false,
      grant: (runtime, leaseId) => {
        if (settled) return;
        settled = true;
        leave();
        granted = this.lease(runtime, model, this.now() - waiter.enqueuedAt, leaseId);
        resolveLease(granted);
      },
      fail: (error) => {
        if (settled) return;
        settled = true;
        leave();
        rejectLease(error);
      },
    };
    const onAbort = () =>
      waiter.fail(new AppError("UPSTREAM_ERROR", "The request was cancelled while it waited for a backend"));
    request.signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => {
      this.options.onReject?.(model, "queue_timeout");
      waiter.fail(
        this.overloaded(model, `No backend of '${model}' was free within ${this.options.queueTimeoutMs} ms`),
      );
    }, this.options.queueTimeoutMs);
    timer.unref?.();
    queue.push(waiter);
    this.queues.set(model, queue);
    if (ledger) {
      registered = ledger.enqueue(waiter.id, model).then(
        (position) => {
          waiter.position = position;
          this.pumpAll();
        },
        (error: unknown) => {
          logger.error({ err: error }, "cluster admission: could not enqueue");
          waiter.fail(new AppError("UNAVAILABLE", "The request could not be queued; try again"));
        },
      );
      this.keepPumpingShared();
    }
    return {
      model,
      queued: true,
      lease,
      cancel: () => {
        if (granted) granted.release({ cancelled: true });
        else onAbort();
      },
    };
  }

  private overloaded(model: string, message: string): AppError {
    const capacity = this.serving(model, new Set())
      .filter((runtime) => runtime.health.acceptsRequests(this.now()))
      .reduce((sum, runtime) => sum + runtime.backend.maxConcurrency, 0);
    const waiting = this.queues.get(model)?.length ?? 0;
    const perRequestMs = this.serviceMs.get(model) ?? 1000;
    const retryAfter = Math.min(
      MAX_RETRY_AFTER_S,
      Math.max(1, Math.ceil(((waiting + 1) * perRequestMs) / Math.max(1, capacity) / 1000)),
    );
    return new AppError("RATE_LIMITED", `${message}; retry in ${retryAfter} s`, {
      rateLimit: rateLimitOf(retryAfter, capacity),
    });
  }

  private serving(model: string, exclude: ReadonlySet<string>): BackendRuntime[] {
    return [...this.runtimes.values()].filter(
      (runtime) => runtime.backend.models.includes(model) && !exclude.has(runtime.backend.id),
    );
  }

  private pick(
    model: string,
    sessionKey: string | null,
    exclude: ReadonlySet<string>,
    prefer: string | null,
  ): BackendRuntime | null {
    const now = this.now();
    const live = this.serving(model, exclude).filter((runtime) => runtime.health.acceptsRequests(now));
    const preferred = live.find((runtime) => runtime.backend.id === prefer);
    if (preferred && preferred.outstanding < preferred.backend.maxConcurrency) return preferred;
    const candidates = live.map((runtime) => ({
      id: runtime.backend.id,
      outstanding: runtime.outstanding,
      capacity: runtime.backend.maxConcurrency,
      degraded: runtime.health.current === "degraded",
      runtime,
    }));
    const chosen = chooseBackend(candidates, this.options.affinity ? sessionKey : null, this.options.random);
    return chosen?.runtime ?? null;
  }

  /** Backend ids with room in this replica's view, most preferred first (cluster admission). */
  private ranked(
    model: string,
    sessionKey: string | null,
    exclude: ReadonlySet<string>,
    prefer: string | null,
  ): string[] {
    const now = this.now();
    const candidates = this.serving(model, exclude)
      .filter((runtime) => runtime.health.acceptsRequests(now))
      .map((runtime) => ({
        id: runtime.backend.id,
        outstanding: runtime.outstanding + runtime.reserved,
        capacity: runtime.backend.maxConcurrency,
        degraded: runtime.health.current === "degraded",
      }));
    const ids = rankBackends(candidates, this.options.affinity ? sessionKey : null, this.options.random).map(
      (candidate) => candidate.id,
    );
    return prefer && ids.includes(prefer) ? [prefer, ...ids.filter((id) => id !== prefer)] : ids;
  }

  /** Changes a backend's outstanding count, keeping the integral its leases' batch sizes come from. */
  private addOutstanding(runtime: BackendRuntime, delta: number): void {
    const now = this.now();
    runtime.area += runtime.outstanding * (now - runtime.areaAt);
    runtime.areaAt = now;
    runtime.outstanding += delta;
  }

  /** The integral of the backend's outstanding count up to now. */
  private areaNow(runtime: BackendRuntime): number {
    return runtime.area + runtime.outstanding * (this.now() - runtime.areaAt);
  }

  private lease(runtime: BackendRuntime, model: string, queueMs: number, leaseId?: string): Lease {
    this.addOutstanding(runtime, 1);
    const startedAt = this.now();
    const areaAtStart = this.areaNow(runtime);
    let released = false;
    let batchAtRelease: number | null = null;
    const batch = () => {
      if (batchAtRelease !== null) return batchAtRelease;
      const elapsed = this.now() - startedAt;
      return elapsed > 0 ? Math.max(1, (this.areaNow(runtime) - areaAtStart) / elapsed) : runtime.outstanding;
    };
    return {
      backend: runtime.backend,
      model,
      queueMs,
      batch,
      release: (outcome) => {
        if (released) return;
        batchAtRelease = batch();
        released = true;
        this.addOutstanding(runtime, -1);
        if (leaseId && this.options.ledger) {
          const freeing = this.options.ledger
            .release(leaseId)
            .catch((error: unknown) =>
              logger.error({ err: error }, "cluster admission: could not free a slot"),
            );
          this.freeing.add(freeing);
          void freeing.finally(() => this.freeing.delete(freeing));
        }
        const now = this.now();
        if ("rateLimitedMs" in outcome) {
          runtime.health.recordRateLimited(outcome.rateLimitedMs, now);
          clearTimeout(runtime.wake);
          runtime.wake = setTimeout(() => this.pumpAll(), outcome.rateLimitedMs + 1);
          runtime.wake.unref?.();
        } else if ("ok" in outcome) {
          runtime.health.recordRequest(outcome, now);
          if (outcome.ok) {
            const held = now - startedAt;
            const previous = this.serviceMs.get(model);
            this.serviceMs.set(model, previous === undefined ? held : previous + 0.2 * (held - previous));
          }
        }
        this.pumpAll();
      },
    };
  }

  private stateChanged(runtime: BackendRuntime, state: BackendState, reason: string): void {
    this.options.onStateChange?.(runtime.backend, state, reason);
    // Runs inside a health update; let it finish before queues move.
    queueMicrotask(() => this.pumpAll());
  }

  /** Hands free slots to queued requests, and fails those whose model has no backend left. */
  private pumpAll(): void {
    const now = this.now();
    for (const [model, queue] of [...this.queues]) {
      const alive = this.serving(model, new Set()).some((runtime) => {
        const state = runtime.health.current;
        return state === "healthy" || state === "degraded";
      });
      if (!alive) {
        for (const waiter of [...queue]) {
          this.options.onReject?.(model, "no_backend");
          waiter.fail(noBackend(`Every backend of '${model}' went down while the request waited`));
        }
        continue;
      }
      if (this.options.ledger) continue;
      for (const waiter of [...queue]) {
        const runtime = this.pick(model, waiter.sessionKey, waiter.exclude, waiter.prefer);
        if (runtime) waiter.grant(runtime);
        else if (!this.anyFree(model, now)) break;
      }
    }
    if (this.options.ledger && this.queues.size > 0) this.pumpShared(this.options.ledger);
  }

  /**
   * Cluster admission's queue service: each model's waiters, oldest first, take shared slots as
   * they free up; a waiter with an older one elsewhere in the cluster waits its turn. One pass at a
   * time; a wake-up during a pass runs another.
   */
  private pumpShared(ledger: SlotLedger): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void (async () => {
      do {
        this.pumpAgain = false;
        for (const [model, queue] of [...this.queues]) await this.serveShared(ledger, model, queue);
      } while (this.pumpAgain);
    })()
      .catch((error: unknown) => logger.error({ err: error }, "cluster admission: serving the queue failed"))
      .finally(() => {
        this.pumping = false;
      });
  }

  private async serveShared(ledger: SlotLedger, model: string, queue: Waiter[]): Promise<void> {
    // In the cluster's order: waiters recorded at the same moment may have their places swapped.
    const placed = queue.filter((waiter) => waiter.position !== null).sort((a, b) => comparePlaces(a, b));
    for (const waiter of placed) {
      if (waiter.settled || waiter.position === null) continue;
      const ranked = this.ranked(model, waiter.sessionKey, waiter.exclude, waiter.prefer);
      if (ranked.length === 0) return;
      const leaseId = randomUUID();
      const backendId = await this.acquireShared(ledger, {
        leaseId,
        backendIds: ranked,
        model,
        waiter: { id: waiter.id, position: waiter.position },
      });
      if (!backendId) return;
      const runtime = this.runtimes.get(backendId);
      if (!runtime || waiter.settled) {
        await ledger.release(leaseId);
        continue;
      }
      waiter.grant(runtime, leaseId);
    }
  }

  /**
   * Asks the ledger for a slot, counting the request meanwhile on the backend it will most likely
   * get, so that requests admitted at the same moment spread as they would one after another.
   */
  private async acquireShared(ledger: SlotLedger, slot: SlotRequest): Promise<string | null> {
    const likely = this.runtimes.get(slot.backendIds[0] ?? "");
    if (likely) likely.reserved += 1;
    try {
      return await ledger.acquire(slot);
    } finally {
      if (likely) likely.reserved -= 1;
    }
  }

  /** While requests wait, re-reads the shared slots regularly (a freed slot's notice may be lost). */
  private keepPumpingShared(): void {
    if (this.sharedPumpTimer) return;
    this.sharedPumpTimer = setInterval(() => {
      if (this.queues.size === 0) {
        clearInterval(this.sharedPumpTimer);
        this.sharedPumpTimer = undefined;
        return;
      }
      this.pumpAll();
    }, SHARED_PUMP_MS);
    this.sharedPumpTimer.unref?.();
  }

  private anyFree(model: string, now: number): boolean {
    return this.serving(model, new Set()).some(
      (runtime) =>
        runtime.health.acceptsRequests(now) && runtime.outstanding < runtime.backend.maxConcurrency,
    );
  }
}
