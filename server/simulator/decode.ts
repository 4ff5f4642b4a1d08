// The decode loop of one running request: yields token indices at the speed the latency model
// allows for the current batch, and plays the mid-stream faults (stall, cut) at their token.
import type { RequestScope, SimulatorContext } from "./context";
import type { Faults } from "./faults";
import { InjectedDisconnect } from "./inference";
import { decodeTokensPerSecond, sleep } from "./latency";
import type { Lease } from "./scheduler";

export interface StreamFaults {
  stall?: NonNullable<Faults["stall"]>;
  cut?: NonNullable<Faults["cut"]>;
}

async function playFaults(faults: StreamFaults, at: number, total: number, signal: AbortSignal) {
  if (faults.stall && Math.min(faults.stall.afterTokens, total) === at) {
    await sleep(faults.stall.durationMs ?? Infinity, signal);
  }
  if (faults.cut && Math.min(faults.cut.afterTokens, total) === at) throw new InjectedDisconnect("cut");
}

export async function* decode(
  ctx: SimulatorContext,
  scope: RequestScope,
  lease: Lease,
  total: number,
  faults: StreamFaults,
): AsyncGenerator<number> {
  const { signal } = scope;
  let due = performance.now();
  for (let i = 0; i < total; i++) {
    if (faults.stall || faults.cut) {
      await playFaults(faults, i, total, signal);
      if (i === faults.stall?.afterTokens) due = performance.now();
    }
    if (i > 0) {
      due += 1000 / decodeTokensPerSecond(ctx.config, ctx.scheduler.runningCount);
      // Timers are coarse (~1 ms): when behind, emit at once and let the schedule catch up.
      const wait = due - performance.now();
      if (wait >= 1) await sleep(wait, signal);
      else signal.throwIfAborted();
    }
    lease.generatedTokens += 1;
    ctx.metrics.generationTokens += 1;
    if (i === 0) ctx.metrics.timeToFirstToken.observe((performance.now() - scope.arrivedAt) / 1000);
    yield i;
  }
  if (faults.stall || faults.cut) await playFaults(faults, total, total, signal);
}
