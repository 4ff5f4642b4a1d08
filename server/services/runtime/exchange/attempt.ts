import { AppError } from "../../../errors";
import { engineFor } from "../../gateway/engine-cache";
import { getGateway } from "../../gateway/gateway-instance";
import { completionModel } from "../../sla/completion-model-instance";
import { batchOf } from "./control-sla";
import type { GenerateEvent } from "../../gateway/engines/engine";
import type { Lease, Ticket } from "../../gateway/gateway";
import { SpanKind, startSpan, withSpan, type Span } from "../../observability/tracing";
import type { ExchangeState } from "./exchange-state";
import { forwardedFor } from "./tool-loop";

/** One try at generating the answer on one backend (or on no backend: the fixed-answer engines). */
export interface Attempt {
  /** The backend's slot for this attempt, released with how it went (null without a backend). */
  lease: Lease | null;
  /** `chat <model>`, a client span from the request to the last token. */
  span: Span;
  startedAt: number;
  /** This attempt's own time to first token (the backend's health and the span record it). */
  ttftMs: number | null;
  events: AsyncIterator<GenerateEvent> | null;
}

/**
 * Waits for the ticket's backend (traced as `chat.queue`), takes its engine and opens the attempt's
 * span. A queue that times out, or an engine that cannot be made, fails the exchange (no failover).
 */
export async function openAttempt(state: ExchangeState): Promise<Attempt> {
  const lease = state.ticket ? await waitForLease(state.ticket) : null;
  state.lease = lease;
  if (lease) {
    state.queueMs += lease.queueMs;
    state.model = lease.model;
    state.backend = { id: lease.backend.id, name: lease.backend.name };
    state.engine = await engineFor(lease.backend);
  }
  state.attempt += 1;
  const startedAt = performance.now();
  const span = startSpan(
    `chat ${state.model}`,
    {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": state.model,
      "hearth.backend.name": state.backend?.name ?? "none",
      "hearth.attempt": state.attempt,
    },
    { kind: SpanKind.CLIENT },
  );
  return { lease, span, startedAt, ttftMs: null, events: null };
}

function waitForLease(ticket: Ticket): Promise<Lease> {
  return withSpan("chat.queue", { "gen_ai.request.model": ticket.model }, async (span) => {
    const lease = await ticket.lease;
    span.setAttributes({ "hearth.queue_ms": lease.queueMs, "hearth.backend.name": lease.backend.name });
    return lease;
  });
}

/**
 * Sends the request: asking for the first event is what makes the engine send it, so the caller
 * can hand out the opening events right after, while the model is already working.
 */
export function send(
  state: ExchangeState,
  attempt: Attempt,
): { events: AsyncIterator<GenerateEvent>; first: Promise<IteratorResult<GenerateEvent>> } {
  const { assistant } = state.prepared;
  assertEngineTakes(state);
  const forwarded = forwardedFor(state);
  const events = state.engine
    .generate({
      model: state.model,
      messages: state.prompt,
      passages: state.passages,
      temperature: assistant.generation.temperature,
      topP: assistant.generation.top_p,
      maxOutputTokens: state.plan.maxOutputTokens,
      reasoningEffort: state.plan.reasoningEffort,
      ...(forwarded && { forwarded }),
      signal: state.generation.signal,
    })
    [Symbol.asyncIterator]();
  attempt.events = events;
  const first = events.next();
  first.catch(() => undefined); // awaited by the relay, unless the consumer leaves first
  return { events, first };
}

/**
 * Tools, tool turns and the other forwarded fields mean something only to an OpenAI-compatible
 * backend: any other engine (llama.cpp in-process, no model at all) refuses them plainly rather
 * than answering as if they were not there.
 */
function assertEngineTakes(state: ExchangeState): void {
  if (state.engine.kind === "openai_compatible") return;
  const { forwarded, history, closing } = state.prepared;
  const toolTurns = [...history, ...closing].some(
    (turn) => turn.role === "tool" || (turn.role === "assistant" && turn.tool_calls?.length),
  );
  if (!forwarded && !toolTurns) return;
  const fields = [...Object.keys(forwarded ?? {}), ...(toolTurns ? ["tool messages"] : [])];
  const served = state.engine.kind === "llama_cpp" ? "llama.cpp in Hearth's process" : "no model backend";
  throw new AppError(
    "INVALID_INPUT",
    `${fields.join(", ")}: supported only on an OpenAI-compatible backend (such as vLLM); ` +
      `model '${state.model}' is served by ${served}`,
  );
}

/**
 * The attempt generated the whole answer: its span gets the response, its backend a success, and
 * the completion model what the answer took.
 */
export function endAttempt(state: ExchangeState, attempt: Attempt): void {
  const usage = state.stepUsage;
  state.generationMs = performance.now() - attempt.startedAt;
  learnFrom(state, attempt, state.generationMs);
  attempt.span.setAttributes({
    "gen_ai.response.model": state.model,
    "gen_ai.response.finish_reasons": [state.finishReason],
    ...(usage && {
      "gen_ai.usage.input_tokens": usage.prompt_tokens,
      "gen_ai.usage.output_tokens": usage.completion_tokens,
    }),
  });
  attempt.lease?.release({ ok: true, ttftMs: attempt.ttftMs });
}

/** What the answer says about its backend: time to first token, decode rate at its batch, length. */
function learnFrom(state: ExchangeState, attempt: Attempt, generationMs: number): void {
  const { lease } = attempt;
  const usage = state.stepUsage;
  if (!lease || !usage || attempt.ttftMs === null) return;
  const gateway = getGateway();
  const reported = gateway.view(lease.backend.id)?.health.load?.running ?? null;
  state.batch = batchOf(gateway, lease.batch(), reported);
  completionModel().observe({
    backendId: lease.backend.id,
    model: state.model,
    effort: state.plan.reasoningEffort,
    batch: state.batch,
    completionTokens: usage.completion_tokens,
    ttftMs: attempt.ttftMs,
    decodeMs: generationMs - attempt.ttftMs,
    truncated: state.finishReason === "length",
  });
}

/**
 * Whatever happened: ends the engine's generation if the consumer left midway, and the span. An
 * attempt that generated anything was time on the backend (usage's GPU time), to its end or its
 * interruption; one that failed before its first token was not.
 */
export function closeAttempt(state: ExchangeState, attempt: Attempt): void {
  if (attempt.lease && attempt.ttftMs !== null) state.gpuMs += performance.now() - attempt.startedAt;
  void attempt.events?.return?.(undefined).catch(() => undefined);
  attempt.span.end();
}
