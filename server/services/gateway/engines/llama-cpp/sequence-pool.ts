// The llama.cpp engine's concurrency: one context holds N sequences (each its own KV cache), and a
// generation borrows one for its whole run. Callers that find every sequence busy wait in line,
// first come, first served, and may give up while waiting. A sequence keeps its evaluated tokens
// between generations, so the pool prefers the free one whose tokens share the longest prefix with
// the new prompt: a follow-up turn then skips re-evaluating the conversation so far.
import type { LlamaContextSequence, Token } from "node-llama-cpp";
import { EngineError } from "../engine";

interface Waiter {
  grant(sequence: LlamaContextSequence): void;
  fail(error: Error): void;
}

export class SequencePool {
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(private readonly free: LlamaContextSequence[]) {}

  acquire(promptTokens: Token[], signal: AbortSignal): Promise<LlamaContextSequence> {
    if (this.closed) return Promise.reject(new EngineError("upstream", "The llama.cpp engine is closed"));
    if (signal.aborted) return Promise.reject(new EngineError("aborted", "The generation was cancelled"));
    if (this.free.length > 0 && this.waiters.length === 0) {
      return Promise.resolve(this.takeBest(promptTokens));
    }
    return new Promise((resolvePromise, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new EngineError("aborted", "The generation was cancelled while waiting for a free sequence"));
      };
      const waiter: Waiter = {
        grant: (sequence: LlamaContextSequence) => {
          signal.removeEventListener("abort", onAbort);
          resolvePromise(sequence);
        },
        fail: (error: Error) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Hands a sequence back: to the longest-waiting caller, or to the free list. */
  release(sequence: LlamaContextSequence): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.grant(sequence);
    else this.free.push(sequence);
  }

  /** Refuses every waiting and later caller; sequences already lent are handed back as usual. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.fail(new EngineError("upstream", "The llama.cpp engine is closed"));
    }
  }

  private takeBest(promptTokens: Token[]): LlamaContextSequence {
    let best = 0;
    let bestShared = -1;
    this.free.forEach((sequence, index) => {
      const shared = sequence.compareContextTokens(promptTokens).firstDifferentIndex;
      if (shared > bestShared) [best, bestShared] = [index, shared];
    });
    const [sequence] = this.free.splice(best, 1);
    if (!sequence) throw new Error("SequencePool.takeBest called with no free sequence");
    return sequence;
  }
}
