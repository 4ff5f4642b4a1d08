// The second half of an exchange: admission to a backend (a refusal there — 429 or 503 — throws
// before the first event, and nothing is recorded), the knowledge decision (RAG), the prompt, the
// generation on the leased backend while the exchange is being recorded, failover to another
// backend when one fails before its first token, and the outcome on the answer message —
// completed, failed with the reason, or cancelled — whatever happens, including the consumer going
// away mid-stream. An exchange that cannot be recorded is not answered.
import { AppError } from "../../errors";
import { logger } from "../../logger";
import type { AskResponse, Citation, RagDecision } from "../../schemas/chat";
import { env } from "../../env";
import { admitRequest } from "../gateway/admit-request";
import { engineFor } from "../gateway/engine-cache";
import {
  EngineError,
  PUBLIC_CUT_MESSAGE,
  PUBLIC_TIMEOUT_MESSAGE,
  PUBLIC_UPSTREAM_MESSAGE,
  type Engine,
  type GenerateEvent,
  type Usage,
} from "../gateway/engines/engine";
import { createFixedAnswerEngine, createRetrievalOnlyEngine } from "../gateway/engines/retrieval-only-engine";
import { rateLimitHeaders, type Lease, type LeaseOutcome, type Ticket } from "../gateway/gateway";
import { decideRag, type RagOutcome } from "../knowledge/retrieval/decide-rag";
import type { Passage } from "../knowledge/retrieval/search-passages";
import { observeExchange, observeFailover } from "../observability/metrics";
import {
  activeSpan,
  recordSpanError,
  SpanKind,
  startSpan,
  traceGenerator,
  tracingEnabled,
  withSpan,
} from "../observability/tracing";
import { buildPrompt } from "./build-prompt";
import type { ChatEvent, ExchangeError } from "./chat-events";
import { recordExchangeEnd, recordExchangeStart } from "./persist-exchange";
import type { PreparedExchange } from "./prepare-exchange";

export interface RunOptions {
  signal: AbortSignal;
  includeReasoning: boolean;
}

const MAX_QUOTE_CHARS = 4_000;

function toCitations(passages: Passage[]): Citation[] {
  return passages.map((passage) => ({
    file_id: passage.fileId,
    filename: passage.filename,
    chunk_index: passage.chunkIndex,
    score: passage.score,
    heading: passage.heading,
    page: passage.page,
    quote: passage.text.slice(0, MAX_QUOTE_CHARS),
  }));
}

const retrievalOnly = createRetrievalOnlyEngine();

/** Failures before the first token that another backend may not share. */
const RETRYABLE: ReadonlySet<EngineError["kind"]> = new Set([
  "connect",
  "timeout",
  "upstream",
  "cut",
  "rate_limited",
]);

/** What a backend's failure says about its health (a 4xx the request caused says nothing). */
function leaseOutcomeOf(error: unknown): LeaseOutcome {
  if (!(error instanceof EngineError)) return { cancelled: true };
  switch (error.kind) {
    case "rate_limited":
      return { rateLimitedMs: (error.details.retryAfterSeconds ?? 1) * 1000 };
    case "aborted":
    case "bad_request":
      return { cancelled: true };
    default:
      return { ok: false, hard: true, reason: error.message };
  }
}

/** Another backend for a request whose backend failed before its first token, or null if none. */
async function failoverTicket(
  models: string[],
  sessionKey: string,
  tried: ReadonlySet<string>,
  signal: AbortSignal,
): Promise<Ticket | null> {
  try {
    return await admitRequest({ models, sessionKey, exclude: tried, signal });
  } catch {
    return null;
  }
}

async function retrieve(prepared: PreparedExchange): Promise<RagOutcome> {
  try {
    return await decideRag(prepared.assistant, prepared.question);
  } catch (error) {
    logger.error({ err: error, assistant: prepared.assistant.id }, "knowledge search failed");
    throw new AppError("UNAVAILABLE", "The assistant's knowledge could not be searched; try again");
  }
}

/**
 * Maps an engine failure to the error the caller sees (HTTP status through the error table). Its
 * message is Hearth's own, the same for every caller; what the model server said, and which
 * backend it was, is the error's `detail`, for the log and the stored answer only.
 */
export function toExchangeAppError(error: unknown, backendName?: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof EngineError) {
    const detail = backendName ? `backend ${backendName}: ${error.message}` : error.message;
    switch (error.kind) {
      case "rate_limited": {
        const retryAfter = error.details.retryAfterSeconds ?? 1;
        return new AppError(
          "RATE_LIMITED",
          "The model backend is at capacity; retry shortly",
          undefined,
          rateLimitHeaders(retryAfter),
          detail,
        );
      }
      case "timeout":
        return new AppError("UPSTREAM_TIMEOUT", PUBLIC_TIMEOUT_MESSAGE, undefined, undefined, detail);
      default:
        return new AppError(
          "UPSTREAM_ERROR",
          error.details.afterFirstToken ? PUBLIC_CUT_MESSAGE : PUBLIC_UPSTREAM_MESSAGE,
          undefined,
          undefined,
          detail,
        );
    }
  }
  return new AppError("INTERNAL", "Unexpected error while generating the answer");
}

function toExchangeError(error: AppError): ExchangeError {
  const retryAfter = error.headers?.["retry-after"];
  const limit = error.headers?.["ratelimit-limit"];
  return {
    code: error.code,
    message: error.message,
    ...(retryAfter ? { retry_after_seconds: Number(retryAfter) } : {}),
    ...(limit ? { limit: Number(limit) } : {}),
  };
}

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
  const { assistant, sessionId, answerMessageId } = prepared;
  const models = [...new Set([assistant.model, ...assistant.fallback_models])];
  let ticket: Ticket | null = null;
  let lease: Lease | null = null;
  let model = assistant.model;
  let rag: RagDecision = {
    decision: "forwarded",
    top_score: null,
    threshold: assistant.rag.score_threshold,
    passages: 0,
  };
  let citations: Citation[] = [];
  let answer = "";
  let reasoning = "";
  let usage: Usage | null = null;
  let finishReason = "stop";
  let ttftMs: number | null = null;
  let queueMs = 0;
  let backend: { id: string; name: string } | null = null;
  let outcome: "completed" | "failed" | "cancelled" = "cancelled";
  let failure: AppError | null = null;
  const elapsed = () => Math.round(performance.now() - prepared.startedAt);

  // The generation stops when the caller goes away or when the exchange cannot be recorded.
  const generation = new AbortController();
  const stopGeneration = () => generation.abort(options.signal.reason);
  options.signal.addEventListener("abort", stopGeneration, { once: true });
  let recordFailure: unknown = null;
  // Recording starts on the next turn of the event loop, once the request to the model has gone
  // out, so the model's prefill and these writes overlap instead of queueing one behind the other.
  const started = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => recordExchangeStart(prepared))
    .catch((error: unknown) => {
      recordFailure = error;
      generation.abort(error);
    });

  try {
    // Admission first: a request refused here (429, 503) is refused in milliseconds, before any
    // other work; its error is the first event, so a stream can still answer with a JSON error.
    ticket = await withSpan("chat.admission", { "gen_ai.request.model": assistant.model }, () =>
      admitRequest({ models, sessionKey: sessionId, signal: options.signal }),
    );
    model = ticket?.model ?? model;
    const knowledge = await retrieve(prepared);
    rag = knowledge.rag;
    citations = toCitations(knowledge.passages);
    // The opening events go out once the question is on its way to the model, so that nothing
    // (sending them, the response's headers) delays it; a request that waits in the queue gets
    // them at once instead, with the stream's heartbeats while it waits.
    let announced = false;
    const announce = (): ChatEvent[] => {
      if (announced) return [];
      announced = true;
      return [
        { type: "response.created", session_id: sessionId, message_id: answerMessageId, model },
        { type: "rag.completed", rag, citations },
      ];
    };
    let engine: Engine = retrievalOnly;
    if (rag.decision === "refused") {
      // A knowledge_only assistant with nothing relevant answers with its refusal; no model runs.
      ticket?.cancel();
      ticket = null;
      engine = createFixedAnswerEngine(() => assistant.rag.refusal_message);
    }
    const tried = new Set<string>();
    for (;;) {
      const waiting = ticket;
      // Inside the try: a consumer that stops right after these events gets a cancelled record.
      if (waiting?.queued) for (const event of announce()) yield event;
      lease = waiting
        ? await withSpan("chat.queue", { "gen_ai.request.model": waiting.model }, async (span) => {
            const leased = await waiting.lease;
            span.setAttributes({
              "hearth.queue_ms": leased.queueMs,
              "hearth.backend.name": leased.backend.name,
            });
            return leased;
          })
        : null;
      if (lease) {
        queueMs += lease.queueMs;
        model = lease.model;
        backend = { id: lease.backend.id, name: lease.backend.name };
        engine = await engineFor(lease.backend);
      }
      const attemptStarted = performance.now();
      let attemptTtftMs: number | null = null;
      const generationSpan = startSpan(
        `chat ${model}`,
        {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.model": model,
          "hearth.backend.name": backend?.name ?? "none",
          "hearth.attempt": tried.size + 1,
        },
        { kind: SpanKind.CLIENT },
      );
      let events: AsyncIterator<GenerateEvent> | null = null;
      try {
        events = engine
          .generate({
            model,
            messages: buildPrompt(prepared, knowledge.passages),
            passages: knowledge.passages,
            temperature: assistant.generation.temperature,
            topP: assistant.generation.top_p,
            maxOutputTokens: assistant.generation.max_output_tokens,
            reasoningEffort: assistant.generation.reasoning_effort,
            signal: generation.signal,
          })
          [Symbol.asyncIterator]();
        // Asking for the first event sends the request; the opening events follow it out.
        const first = events.next();
        first.catch(() => undefined); // awaited below, unless the consumer leaves first
        for (const event of announce()) yield event;
        for (let step = await first; !step.done; step = await events.next()) {
          const event = step.value;
          if ((event.type === "reasoning.delta" || event.type === "output_text.delta") && ttftMs === null) {
            ttftMs = elapsed();
            attemptTtftMs = Math.round(performance.now() - attemptStarted);
            generationSpan.setAttribute("hearth.ttft_ms", attemptTtftMs);
            generationSpan.addEvent("first_token");
          }
          if (event.type === "reasoning.delta") {
            reasoning += event.text;
            if (options.includeReasoning) yield { type: "reasoning.delta", delta: event.text };
          } else if (event.type === "output_text.delta") {
            answer += event.text;
            yield { type: "output_text.delta", delta: event.text };
          } else if (event.type === "usage") {
            usage = event.usage;
          } else if (event.type === "finish") {
            finishReason = event.reason;
          }
        }
        generationSpan.setAttributes({
          "gen_ai.response.model": model,
          "gen_ai.response.finish_reasons": [finishReason],
          ...(usage && {
            "gen_ai.usage.input_tokens": usage.prompt_tokens,
            "gen_ai.usage.output_tokens": usage.completion_tokens,
          }),
        });
        lease?.release({ ok: true, ttftMs: attemptTtftMs });
        break;
      } catch (error) {
        recordSpanError(generationSpan, error);
        lease?.release(leaseOutcomeOf(error));
        const retryable =
          lease !== null &&
          error instanceof EngineError &&
          RETRYABLE.has(error.kind) &&
          ttftMs === null &&
          !options.signal.aborted &&
          !generation.signal.aborted &&
          tried.size < env.HEARTH_FAILOVER_ATTEMPTS;
        if (!retryable || !lease) throw error;
        tried.add(lease.backend.id);
        ticket = await failoverTicket(models, sessionId, tried, options.signal);
        if (!ticket) throw error;
        observeFailover(lease.backend.name, error.kind);
        logger.warn(
          { backend: lease.backend.name, error: error.message, messageId: answerMessageId },
          "failing over to another backend before the first token",
        );
      } finally {
        // Ends the engine's generation when the consumer left midway (a no-op once it has ended).
        void events?.return?.(undefined).catch(() => undefined);
        generationSpan.end();
      }
    }
    await started;
    if (recordFailure) throw new Error("the exchange could not be recorded", { cause: recordFailure });
    outcome = "completed";
    await record();
    const response: AskResponse = {
      answer,
      session_id: sessionId,
      message_id: answerMessageId,
      citations,
      rag,
      usage: usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      timings: { queue_ms: queueMs, ttft_ms: ttftMs, total_ms: elapsed() },
      model,
      backend: backend?.name ?? null,
      finish_reason: finishReason,
      ...(options.includeReasoning && reasoning ? { reasoning } : {}),
    };
    yield { type: "response.completed", response };
  } catch (error) {
    if (options.signal.aborted) return;
    await started;
    outcome = "failed";
    if (recordFailure) {
      logger.error({ err: recordFailure, messageId: answerMessageId }, "could not record the exchange");
      failure = new AppError(
        "UNAVAILABLE",
        "The exchange could not be stored, so it was not answered; try again",
      );
    } else {
      failure = toExchangeAppError(error, backend?.name);
      if (!(error instanceof EngineError || error instanceof AppError)) {
        logger.error({ err: error, messageId: answerMessageId }, "generation failed unexpectedly");
      }
      // The operator's view of the failure; the caller gets only the code and public message.
      logger.warn(
        {
          requestId: prepared.requestId,
          messageId: answerMessageId,
          sessionId,
          assistant: assistant.id,
          code: failure.code,
          detail: failure.detail,
        },
        `the exchange failed: ${failure.code}`,
      );
      await record();
    }
    yield {
      type: "error",
      error: toExchangeError(failure),
      message_id: answerMessageId,
      session_id: sessionId,
    };
  } finally {
    options.signal.removeEventListener("abort", stopGeneration);
    // Whatever happened, the slot is free again (a no-op for a lease already released).
    lease?.release({ cancelled: true });
    ticket?.cancel();
    // A consumer that went away (or stopped reading) lands here: stop the model, record it.
    if (outcome === "cancelled") {
      generation.abort(new Error("consumer stopped"));
      await started;
      if (!recordFailure) await record();
    }
  }

  async function record() {
    const span = activeSpan();
    span.setAttributes({
      "hearth.outcome": outcome,
      "hearth.rag.decision": rag.decision,
      "hearth.queue_ms": queueMs,
      ...(ttftMs !== null && { "hearth.ttft_ms": ttftMs }),
    });
    if (failure) recordSpanError(span, failure);
    observeExchange({
      assistant: assistant.id,
      model,
      outcome,
      errorCode: failure?.code ?? null,
      ragDecision: rag.decision,
      queueMs,
      ttftMs,
      totalMs: elapsed(),
      completionTokens: usage?.completion_tokens ?? null,
      slaAvgMs: assistant.sla.avg_ms,
    });
    await recordExchangeEnd(answerMessageId, {
      status: outcome,
      content: answer,
      reasoning: reasoning || null,
      errorCode: failure?.code ?? (outcome === "cancelled" ? "CANCELLED" : null),
      errorMessage:
        failure?.message ??
        (outcome === "cancelled" ? "The client went away before the answer was finished" : null),
      errorDetail: failure?.detail ?? null,
      rag,
      citations,
      backendId: backend?.id ?? null,
      model,
      promptTokens: usage?.prompt_tokens ?? null,
      completionTokens: usage?.completion_tokens ?? null,
      queueMs,
      ttftMs,
      totalMs: elapsed(),
    }).catch((error: unknown) =>
      logger.error({ err: error, messageId: answerMessageId }, "could not record the answer"),
    );
  }
}
