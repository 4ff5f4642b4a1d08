// How an exchange ends, whatever happens: completed (recorded, then its response), failed (the
// reason recorded and logged for operators, then an `error` event with the public part only), or
// cancelled (the consumer left: the generation stops and the answer so far is recorded). The slot
// is always freed. An exchange that could not be recorded is not answered.
import { AppError } from "../../../errors";
import { logger } from "../../../logger";
import type { SlaStep } from "../../../schemas/assistant";
import type { AskResponse, SlaOutcome } from "../../../schemas/chat";
import { completionModel } from "../../sla/completion-model-instance";
import type { ChatEvent } from "../../chat/chat-events";
import { toolCallsMade } from "../../chat/tool-calls";
import { EngineError } from "../../gateway/engines/engine";
import { observeExchange } from "../../observability/metrics";
import { activeSpan, recordSpanError } from "../../observability/tracing";
import { ReplicaStopping, stoppedError } from "../../cluster/shutdown-state";
import { toExchangeAppError, toExchangeError } from "./error-mapping";
import { elapsedMs, type ExchangeState } from "./exchange-state";
import { recordExchangeEnd, type ExchangeOutcome } from "./persist-exchange";

/** The answer is complete: recorded as completed, and its response for the consumer. */
export async function complete(state: ExchangeState): Promise<ChatEvent> {
  await state.recording.started;
  if (state.recording.failure) {
    throw new Error("the exchange could not be recorded", { cause: state.recording.failure });
  }
  state.outcome = "completed";
  learnOverhead(state);
  await record(state);
  return { type: "response.completed", response: responseOf(state) };
}

/**
 * The exchange failed with `error`: recorded as failed (unless it could not be recorded at all) and
 * its error event, or null when the caller went away (then it ends as cancelled).
 */
export async function fail(state: ExchangeState, error: unknown): Promise<ChatEvent | null> {
  if (state.options.signal.aborted) return null;
  await state.recording.started;
  state.outcome = "failed";
  const stopped = state.generation.signal.reason instanceof ReplicaStopping;
  state.failure = stopped ? stoppedError() : failureOf(state, error);
  if (!state.recording.failure) await record(state);
  const { answerMessageId, sessionId } = state.prepared;
  return {
    type: "error",
    error: toExchangeError(state.failure),
    message_id: answerMessageId,
    session_id: sessionId,
  };
}

/**
 * Last, whatever happened: the slot is free again (a no-op for a lease already released), an
 * exchange that neither completed nor failed (its consumer went away or stopped reading) stops its
 * generation and is recorded as cancelled, and then its quota slots are given back.
 */
export async function release(state: ExchangeState): Promise<void> {
  state.unlinkSignal();
  state.lease?.release({ cancelled: true });
  state.ticket?.cancel();
  try {
    if (state.outcome !== "cancelled") return;
    state.generation.abort(new Error("consumer stopped"));
    await state.recording.started;
    if (!state.recording.failure) await record(state);
  } finally {
    // Only now is the exchange recorded: its usage counts in the rollups instead of its quota slots,
    // and a replica shutting down waits for this.
    state.prepared.releaseQuotaSlots();
    state.untrack();
  }
}

/** What the caller is told, logged with the operator's view (the detail, the request id). */
function failureOf(state: ExchangeState, error: unknown): AppError {
  const { prepared } = state;
  if (state.recording.failure) {
    logger.error(
      { err: state.recording.failure, messageId: prepared.answerMessageId },
      "could not record the exchange",
    );
    return new AppError("UNAVAILABLE", "The exchange could not be stored, so it was not answered; try again");
  }
  const failure = toExchangeAppError(error, state.backend?.name);
  if (!(error instanceof EngineError || error instanceof AppError)) {
    logger.error({ err: error, messageId: prepared.answerMessageId }, "generation failed unexpectedly");
  }
  logger.warn(
    {
      requestId: prepared.requestId,
      messageId: prepared.answerMessageId,
      sessionId: prepared.sessionId,
      assistant: prepared.assistant.id,
      code: failure.code,
      detail: failure.detail,
    },
    `the exchange failed: ${failure.code}`,
  );
  return failure;
}

/** The outcome on the exchange's span and in the metrics, then on the answer message. */
async function record(state: ExchangeState): Promise<void> {
  const { outcome, rag, queueMs, ttftMs, failure, usage } = state;
  const span = activeSpan();
  span.setAttributes({
    "hearth.outcome": outcome,
    "hearth.rag.decision": rag.decision,
    "hearth.queue_ms": queueMs,
    ...(ttftMs !== null && { "hearth.ttft_ms": ttftMs }),
  });
  if (failure) recordSpanError(span, failure);
  observeExchange({
    assistant: state.prepared.assistant.id,
    model: state.model,
    outcome,
    errorCode: failure?.code ?? null,
    ragDecision: rag.decision,
    queueMs,
    ttftMs,
    totalMs: elapsedMs(state),
    completionTokens: usage?.completion_tokens ?? null,
    slaAvgMs: state.prepared.assistant.sla.avg_ms,
    sla:
      state.sla && state.outcome === "completed"
        ? { predictedMs: state.sla.predictedMs, steps: state.sla.steps.map(stepLabel) }
        : null,
  });
  const messageId = state.prepared.answerMessageId;
  await recordExchangeEnd(messageId, outcomeOf(state)).catch((error: unknown) =>
    logger.error({ err: error, messageId }, "could not record the answer"),
  );
}

/** The answer message as stored: the public message and, apart, the operator's detail. */
export function outcomeOf(state: ExchangeState): ExchangeOutcome {
  const { outcome, failure, usage } = state;
  const cancelled = outcome === "cancelled";
  return {
    status: outcome,
    content: state.answer,
    reasoning: state.reasoning || null,
    errorCode: failure?.code ?? (cancelled ? "CANCELLED" : null),
    errorMessage:
      failure?.message ?? (cancelled ? "The client went away before the answer was finished" : null),
    errorDetail: failure?.detail ?? null,
    rag: state.rag,
    citations: state.citations,
    backendId: state.backend?.id ?? null,
    model: state.model,
    promptTokens: usage?.prompt_tokens ?? null,
    completionTokens: usage?.completion_tokens ?? null,
    queueMs: state.queueMs,
    ttftMs: state.ttftMs,
    totalMs: elapsedMs(state),
    sla: slaOutcomeOf(state),
    // Only the caller's calls are kept as calls: the assistant's own are in toolRuns.
    toolCalls: toolCallsMade(
      state.toolbox
        ? state.toolCalls.filter((call) => state.callerFunctions.has(call?.function.name))
        : state.toolCalls,
    ),
    toolRuns: state.toolRuns.length > 0 ? state.toolRuns : null,
    usage: {
      apiKeyId: state.prepared.apiKeyId,
      reasoningTokens: usage?.reasoning_tokens ?? reasoningShare(usage?.completion_tokens ?? 0, state),
      gpuMs: state.gpuMs,
    },
  };
}

/**
 * The completion tokens spent reasoning, when the backend does not say (vLLM does not): their share
 * of the generated text. Streams coalesce pieces, so counting pieces would undercount.
 */
function reasoningShare(completionTokens: number, state: ExchangeState): number {
  const generated = state.reasoning.length + state.answer.length;
  return generated === 0 ? 0 : Math.round((completionTokens * state.reasoning.length) / generated);
}

/** What SLA control decided, and (once complete) whether the answer met the target. */
function slaOutcomeOf(state: ExchangeState): SlaOutcome | null {
  const { sla } = state;
  if (!sla) return null;
  return {
    target_ms: sla.targetMs,
    predicted_ms: sla.predictedMs,
    degraded: sla.steps,
    met: state.outcome === "completed" ? elapsedMs(state) <= sla.targetMs : state.failure ? false : null,
  };
}

/** A ladder step as a metric label: `reasoning_effort=low`, `max_output_tokens=512`... */
function stepLabel(step: SlaStep): string {
  return Object.entries(step)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(",");
}

/**
 * The completion model learns the time around the model's work (retrieval, prompt, recording) and,
 * under SLA control, its own error: the actual time against what it predicts for the batch the
 * answer actually ran in. (Against the prediction made at admission, the error would also hold
 * every question that joined the batch later: the batch, not the model, was unknown then. The
 * margins are for the model's error; admission keeps the batch where answers fit.)
 */
function learnOverhead(state: ExchangeState): void {
  // A tool loop's time is the tools' and several steps', not overhead around one generation.
  if (state.generationMs === null || !state.backend || state.step > 1) return;
  const totalMs = elapsedMs(state);
  const model = completionModel();
  model.observeOverhead(totalMs - state.admittedAtMs - state.queueMs - state.generationMs);
  if (!state.sla || state.batch === null) return;
  const atBatch = model.predict({
    backendId: state.backend.id,
    model: state.model,
    effort: state.plan.reasoningEffort,
    maxOutputTokens: state.plan.maxOutputTokens,
    running: Math.max(0, Math.round(state.batch) - 1),
    queueMs: state.queueMs,
  });
  model.observeOutcome(state.admittedAtMs + atBatch.totalMs, totalMs);
}

/** The complete answer as `ask` returns it (reasoning only when asked for). */
export function responseOf(state: ExchangeState): AskResponse {
  const { prepared, options } = state;
  return {
    answer: state.answer,
    session_id: prepared.sessionId,
    message_id: prepared.answerMessageId,
    question_id: prepared.userMessageId,
    citations: state.citations,
    rag: state.rag,
    usage: state.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    timings: { queue_ms: state.queueMs, ttft_ms: state.ttftMs, total_ms: elapsedMs(state) },
    model: state.model,
    backend: state.backend?.name ?? null,
    finish_reason: state.finishReason,
    ...(options.includeReasoning && state.reasoning ? { reasoning: state.reasoning } : {}),
    ...(state.sla ? { sla: slaOutcomeOf(state)! } : {}),
    ...(state.toolRuns.length > 0 ? { tool_runs: state.toolRuns } : {}),
  };
}
