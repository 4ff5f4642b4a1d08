import { ReplicaStopping, trackExchange } from "../../cluster/shutdown-state";
import type { ExchangeState } from "./exchange-state";
import { recordExchangeStart } from "./persist-exchange";

/**
 * The exchange's first step: the caller going away (or the end of a shutdown's grace period) stops
 * the generation, and the exchange starts
 * being recorded. Recording starts on the next turn of the event loop, once the request to the model
 * has gone out, so the model's prefill and these writes overlap instead of queueing one behind the
 * other; if it fails, the generation stops too (an exchange that cannot be recorded is not answered).
 */
export function open(state: ExchangeState): void {
  const { signal } = state.options;
  const stopGeneration = () => state.generation.abort(signal.reason);
  signal.addEventListener("abort", stopGeneration, { once: true });
  state.unlinkSignal = () => signal.removeEventListener("abort", stopGeneration);
  // A replica shutting down ends what is still running when its grace period is over.
  state.untrack = trackExchange(() => {
    state.generation.abort(new ReplicaStopping("the shutdown grace period ran out"));
    state.ticket?.cancel();
  });
  state.recording.started = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => recordExchangeStart(state.prepared))
    .catch((error: unknown) => {
      state.recording.failure = error;
      state.generation.abort(error);
    });
}
