// The runtime core: one exchange, from a prepared question (chat/prepare-exchange.ts) to its
// recorded outcome, as a sequence of named steps over one state record (exchange-state.ts). Each
// step is a plain function in its own file: open (link the caller, start recording), admit (a
// refusal — 429 or 503 — is the first event, before anything is said), retrieve (the RAG decision),
// open the assistant's own tools, write the prompt, then attempts (wait for the backend, send, relay the tokens) with failover to
// another backend when one fails before its first token, and settle (completed, failed with the
// reason, or cancelled, whatever happens, including the consumer going away mid-stream). When the
// model calls the assistant's own tools, Hearth runs them and asks the model again (tool-loop.ts). A new step
// is a new function and one line here. The relay loop stays in this generator, so each token
// crosses exactly one generator (this one) on its way out.
import type { ChatEvent } from "../../chat/chat-events";
import type { PreparedExchange } from "../../chat/prepare-exchange";
import { traceGenerator, tracingEnabled } from "../../observability/tracing";
import { admit } from "./admit";
import { closeAttempt, endAttempt, openAttempt, send } from "./attempt";
import { createExchangeState, type RunOptions } from "./exchange-state";
import { failover } from "./failover";
import { open } from "./open";
import { announce, relay } from "./relay";
import { retrieve } from "./retrieve";
import { closeTools, fitToolsToEngine, openTools, runServerTools, serverCallsOf } from "./tool-loop";
import { complete, fail, release } from "./settle";
import { writePrompt } from "./write-prompt";

export type { RunOptions } from "./exchange-state";

/** One exchange's events; traced as `chat.exchange` (with its steps as children) when tracing is on. */
export function runExchange(prepared: PreparedExchange, options: RunOptions): AsyncGenerator<ChatEvent> {
  if (!tracingEnabled()) return exchange(prepared, options);
  return traceGenerator(
    "chat.exchange",
    {
      "hearth.assistant.id": prepared.assistant.id,
      "hearth.session.id": prepared.sessionId,
      "hearth.message.id": prepared.answerMessageId,
    },
    exchange(prepared, options),
  );
}

async function* exchange(prepared: PreparedExchange, options: RunOptions): AsyncGenerator<ChatEvent> {
  const state = createExchangeState(prepared, options);
  let tools: Promise<void> = Promise.resolve();
  open(state);
  try {
    // The assistant's own tools are listed (an MCP server is asked for its tools) while admission
    // and retrieval run, so no backend slot waits on them.
    tools = openTools(state);
    tools.catch(() => undefined);
    await admit(state);
    await retrieve(state);
    await tools;
    writePrompt(state);
    // One model step per turn of this loop; more than one only when the model calls the assistant's
    // own tools (tool-loop.ts), which run between steps.
    for (;;) {
      for (;;) {
        // A request waiting in the queue hands out its opening events before it waits.
        if (state.ticket?.queued) for (const event of announce(state)) yield event;
        const attempt = await openAttempt(state);
        try {
          await fitToolsToEngine(state);
          const { events, first } = send(state, attempt);
          for (const event of announce(state)) yield event;
          for (let step = await first; !step.done; step = await events.next()) {
            const event = relay(state, attempt, step.value);
            if (event) yield event;
          }
          endAttempt(state, attempt);
          break;
        } catch (error) {
          if (!(await failover(state, attempt, error))) throw error;
        } finally {
          closeAttempt(state, attempt);
        }
      }
      const calls = serverCallsOf(state);
      if (!calls) break;
      yield* runServerTools(state, calls);
    }
    yield await complete(state);
  } catch (error) {
    const event = await fail(state, error);
    if (event) yield event;
  } finally {
    await release(state);
    await closeTools(state, tools);
  }
}
