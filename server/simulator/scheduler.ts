// The batch scheduler: at most `maxBatch` requests run at once, and a request also waits while
// its prompt would not fit in the free KV cache (unless nothing runs, as vLLM always admits one).
// Everything else waits in one FIFO queue, which is what vLLM's num_requests_waiting counts.

export interface Lease {
  readonly promptTokens: number;
  generatedTokens: number;
}

interface Waiter {
  lease: Lease;
  admit: () => void;
}

export class Scheduler {
  private readonly running = new Set<Lease>();
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limits: { maxBatch: number; kvCacheTokens: number }) {}

  get runningCount(): number {
    return this.running.size;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Tokens held by running requests over the capacity, 0..1 (clamped, as vLLM would preempt). */
  get kvCacheUsage(): number {
    return Math.min(1, this.usedKvTokens() / this.limits.kvCacheTokens);
  }

  /** Resolves once the request runs; rejects (and leaves the queue) if `signal` aborts first. */
  acquire(promptTokens: number, signal: AbortSignal): Promise<Lease> {
    signal.throwIfAborted();
    const lease: Lease = { promptTokens, generatedTokens: 0 };
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.findIndex((waiter) => waiter.lease === lease);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push({
        lease,
        admit: () => {
          signal.removeEventListener("abort", onAbort);
          resolve(lease);
        },
      });
      this.admitWaiting();
    });
  }

  /** Frees the slot at once; safe to call more than once. */
  release(lease: Lease): void {
    if (this.running.delete(lease)) this.admitWaiting();
  }

  private admitWaiting(): void {
    for (let head = this.waiting[0]; head && this.fits(head.lease); head = this.waiting[0]) {
      this.waiting.shift();
      this.running.add(head.lease);
      head.admit();
    }
  }

  private fits(lease: Lease): boolean {
    if (this.running.size === 0) return true;
    if (this.running.size >= this.limits.maxBatch) return false;
    return this.usedKvTokens() + lease.promptTokens <= this.limits.kvCacheTokens;
  }

  private usedKvTokens(): number {
    let used = 0;
    for (const lease of this.running) used += lease.promptTokens + lease.generatedTokens;
    return used;
  }
}
