// What every inference request (chat completions, embeddings) shares: the faults that strike
// before any work (reset, error status, 429), the outcome counters, and how a connection is
// dropped on purpose.
import type { ServerResponse } from "node:http";
import type { RequestScope, SimulatorContext } from "./context";
import { SimulatorHttpError } from "./http-util";

/** An error status that a fault, not the request, caused. */
export class InjectedFault extends SimulatorHttpError {}

/** The connection is dropped on purpose: "reset" before any response, "cut" mid-reply. */
export class InjectedDisconnect extends Error {
  constructor(readonly mode: "reset" | "cut") {
    super(`Injected ${mode}`);
  }
}

export function rejectByFault(ctx: SimulatorContext): void {
  if (ctx.faults.draw("reset")) throw new InjectedDisconnect("reset");
  const error = ctx.faults.draw("error");
  if (error) {
    const message = error.message ?? "Simulated server error (hearth-vllm-simulator fault injection)";
    throw new InjectedFault(error.status, message);
  }
  const rateLimit = ctx.faults.draw("rateLimit");
  if (rateLimit) {
    throw new InjectedFault(429, "Simulated rate limit (hearth-vllm-simulator fault injection)", {
      "retry-after": String(rateLimit.retryAfterSeconds),
    });
  }
}

function disconnect(res: ServerResponse, mode: InjectedDisconnect["mode"]): void {
  const socket = res.socket;
  if (!socket) return;
  // A reset sends RST (the client sees ECONNRESET); a cut lets written chunks reach the client
  // first, then closes without the terminating chunk, so the body ends early.
  if (mode === "reset") socket.resetAndDestroy();
  else socket.destroySoon();
}

/** Runs one inference request and files its outcome under the right counter. */
export async function trackRequest(
  ctx: SimulatorContext,
  scope: RequestScope,
  run: () => Promise<void>,
): Promise<void> {
  const { counters } = ctx;
  counters.requests += 1;
  counters.inFlight += 1;
  counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight);
  try {
    await run();
    counters.completed += 1;
  } catch (error) {
    if (error instanceof InjectedDisconnect) {
      ctx.counters.failed += 1;
      disconnect(scope.res, error.mode);
      return;
    }
    if (error instanceof InjectedFault) ctx.counters.failed += 1;
    else if (error instanceof SimulatorHttpError) ctx.counters.rejected += 1;
    else if (scope.signal.aborted) ctx.counters.aborted += 1;
    throw error;
  } finally {
    counters.inFlight -= 1;
  }
}
