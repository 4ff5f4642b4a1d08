// node-llama-cpp reports a generation through callbacks; the engine offers a pull stream (an async
// iterable the caller reads at its own pace). This channel buffers between the two. A failure
// overtakes buffered events: after an abort the caller should stop at once, not drain the buffer.

export class EventChannel<T> {
  private readonly buffer: T[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.buffer.push(item);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  /** Ends the stream with this error; only the first failure counts. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    while (true) {
      if (this.failure) throw this.failure.error;
      if (this.buffer.length > 0) {
        yield* this.buffer.splice(0);
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolvePromise) => (this.wake = resolvePromise));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
