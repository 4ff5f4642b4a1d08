// Starts an exchange for a streaming response. Admission happens before the first event, so a
// refusal (429 with Retry-After, 503; recorded like any failed exchange) is thrown here, while the
// caller can still answer with an ordinary JSON error, instead of arriving as an event in a
// stream that already said 200.
import type { ChatEvent } from "./chat-events";
import type { PreparedExchange } from "./prepare-exchange";
import { runExchange } from "./run-exchange";
import { errorOf } from "./run-to-completion";

/** The started exchange's events; `signal` (the client going away) cancels it. */
export type ExchangeEvents = (signal: AbortSignal) => AsyncGenerator<ChatEvent>;

export async function startExchange(
  prepared: PreparedExchange,
  options: { includeReasoning: boolean },
): Promise<ExchangeEvents> {
  const controller = new AbortController();
  const events = runExchange(prepared, {
    signal: controller.signal,
    includeReasoning: options.includeReasoning,
  });
  const first = await events.next();
  if (!first.done && first.value.type === "error") throw errorOf(first.value);
  return async function* relay(signal) {
    const stop = () => controller.abort(signal.reason);
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
    try {
      if (!first.done) yield first.value;
      yield* events;
    } finally {
      signal.removeEventListener("abort", stop);
      await events.return(undefined);
    }
  };
}
