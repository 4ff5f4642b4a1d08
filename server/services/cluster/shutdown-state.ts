// What the rest of the process needs to know of a shutdown under way: whether this replica is
// draining (it takes no new questions; readiness says 503), and the answers it is still writing,
// each with a way to stop it when the grace period ends. graceful-shutdown.ts drives it.
import { AppError } from "../../errors";

/** The reason an exchange's generation is aborted with when the grace period ran out. */
export class ReplicaStopping extends Error {
  override name = "ReplicaStopping";
}

const state = globalThis as unknown as {
  hearthDraining?: boolean;
  hearthRunningExchanges?: Set<() => void>;
};

const running = (): Set<() => void> => (state.hearthRunningExchanges ??= new Set());

export function isDraining(): boolean {
  return state.hearthDraining === true;
}

export function startDraining(): void {
  state.hearthDraining = true;
}

/** For tests: back to taking questions. */
export function stopDraining(): void {
  state.hearthDraining = false;
}

/** A new question on a draining replica: 503, retry at once (the load balancer sends it elsewhere). */
export function drainingError(): AppError {
  return new AppError("UNAVAILABLE", "This server is restarting and takes no new questions; retry", {
    rateLimit: { retryAfterSeconds: 1 },
    detail: "the replica received SIGTERM and is draining",
  });
}

/** An answer cut short by the end of the grace period. */
export function stoppedError(): AppError {
  return new AppError("UNAVAILABLE", "The server restarted before the answer was finished; ask again", {
    detail: "the shutdown grace period (HEARTH_SHUTDOWN_GRACE_MS) ran out",
  });
}

/** Registers a running exchange; `stop` ends it at the end of the grace. Returns its removal. */
export function trackExchange(stop: () => void): () => void {
  running().add(stop);
  return () => running().delete(stop);
}

export function runningExchanges(): number {
  return running().size;
}

/** Ends every exchange still running (each settles as failed with `stoppedError`). */
export function stopRunningExchanges(): void {
  for (const stop of [...running()]) stop();
}
