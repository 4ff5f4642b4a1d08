// Starts an exchange for a streaming response. Admission happens before the first event, so a
// refusal (429 with Retry-After, 503; recorded like any failed exchange) is thrown here, while the
// caller can still answer with an ordinary JSON error, instead of arriving as an event in a
// stream that already said 200.
import type { ChatEvent } from "../../chat/chat-events";
import type { PreparedExchange } from "../../chat/prepare-exchange";
import { errorOf } from "./error-mapping";
import { runExchange } from "./run-exchange";

/** The started exchange's events; `signal` (the client going away) cancels it. */
export type ExchangeEvents = (signal: AbortSignal) => AsyncIterable<ChatEvent>;

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
  return (signal) => handOver(first, events, signal, controller);
}

/**
 * The first event again, then the exchange's own: a plain iterator rather than a generator around
 * the exchange, so each token crosses no extra layer of promises. Ending early (the consumer's
 * `return`) ends the exchange, which records it as cancelled.
 */
function handOver(
  first: IteratorResult<ChatEvent>,
  events: AsyncGenerator<ChatEvent>,
  signal: AbortSignal,
  controller: AbortController,
): AsyncIterable<ChatEvent> {
  const stop = () => controller.abort(signal.reason);
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  let pending: IteratorResult<ChatEvent> | null = first;
  const iterator: AsyncIterator<ChatEvent> = {
    next() {
      if (pending) {
        const result = pending;
        pending = null;
        return Promise.resolve(result);
      }
      return events.next();
    },
    async return() {
      signal.removeEventListener("abort", stop);
      await events.return(undefined);
      return { done: true, value: undefined };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
