// Relaying the model's output to the consumer. `relay` runs once per token, so it is a plain
// function the exchange's own loop calls (run-exchange.ts), not a generator of its own: each token
// crosses one layer of promises (the exchange's), not one more per step.
import type { ChatEvent } from "../../chat/chat-events";
import { addToolCallFragment } from "../../chat/tool-calls";
import type { GenerateEvent, Usage } from "../../gateway/engines/engine";
import type { Attempt } from "./attempt";
import { elapsedMs, type ExchangeState } from "./exchange-state";

/**
 * The opening events (created, then the RAG decision), once per exchange. They go out once the
 * question is on its way to the model, so that nothing (sending them, the response's headers)
 * delays it; a request that waits in the queue gets them at once instead, with the stream's
 * heartbeats while it waits.
 */
export function announce(state: ExchangeState): ChatEvent[] {
  if (state.announced) return [];
  state.announced = true;
  const { sessionId, answerMessageId, userMessageId } = state.prepared;
  return [
    {
      type: "response.created",
      session_id: sessionId,
      message_id: answerMessageId,
      question_id: userMessageId,
      model: state.model,
    },
    { type: "rag.completed", rag: state.rag, citations: state.citations },
  ];
}

/**
 * One event from the engine: accumulated into the state (answer, reasoning, usage, finish reason,
 * the first token's time), and the event the consumer gets for it, if any (reasoning only when
 * asked for).
 */
export function relay(state: ExchangeState, attempt: Attempt, event: GenerateEvent): ChatEvent | null {
  switch (event.type) {
    case "reasoning.delta":
      if (attempt.ttftMs === null) firstToken(state, attempt);
      state.reasoning += event.text;
      return state.options.includeReasoning ? { type: "reasoning.delta", delta: event.text } : null;
    case "output_text.delta":
      if (attempt.ttftMs === null) firstToken(state, attempt);
      state.answer += event.text;
      return { type: "output_text.delta", delta: event.text };
    case "tool_call.delta": {
      if (attempt.ttftMs === null) firstToken(state, attempt);
      const { type, ...fragment } = event;
      addToolCallFragment(state.toolCalls, fragment);
      if (!state.toolbox) return { type, ...fragment };
      // With the assistant's own tools, only calls of the caller's functions are the caller's to see,
      // numbered 0, 1, 2... among themselves; Hearth runs the others (tool-loop.ts).
      const index = callerIndexOf(state, fragment.index);
      return index === null ? null : { type, ...fragment, index };
    }
    case "usage":
      state.stepUsage = event.usage;
      state.usage = addUsage(state.usage, event.usage);
      return null;
    case "finish":
      state.finishReason = event.reason;
      return null;
  }
}

function addUsage(total: Usage | null, step: Usage): Usage {
  if (!total) return step;
  return {
    prompt_tokens: total.prompt_tokens + step.prompt_tokens,
    completion_tokens: total.completion_tokens + step.completion_tokens,
    total_tokens: total.total_tokens + step.total_tokens,
    ...((total.reasoning_tokens !== undefined || step.reasoning_tokens !== undefined) && {
      reasoning_tokens: (total.reasoning_tokens ?? 0) + (step.reasoning_tokens ?? 0),
    }),
  };
}

/**
 * The caller's number for the step's call `index`, decided by its name (which comes with its first
 * piece), or null for a call Hearth runs.
 */
function callerIndexOf(state: ExchangeState, index: number): number | null {
  const known = state.callerIndexes.get(index);
  if (known !== undefined) return known;
  const name = state.toolCalls[index]?.function.name ?? "";
  const mapped = state.callerFunctions.has(name)
    ? [...state.callerIndexes.values()].filter((i) => i !== null).length
    : null;
  state.callerIndexes.set(index, mapped);
  return mapped;
}

function firstToken(state: ExchangeState, attempt: Attempt): void {
  state.ttftMs ??= elapsedMs(state);
  attempt.ttftMs = Math.round(performance.now() - attempt.startedAt);
  attempt.span.setAttribute("hearth.ttft_ms", attempt.ttftMs);
  attempt.span.addEvent("first_token");
}
