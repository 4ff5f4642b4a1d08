// The second half of an exchange: decide on knowledge (RAG), build the prompt, call the engine
// while the exchange is being recorded, relay the engine's events, and record the outcome on the
// answer message — completed, failed with the reason, or cancelled — whatever happens, including
// the consumer going away mid-stream. An exchange that cannot be recorded is not answered.
import { AppError } from "../../errors";
import { logger } from "../../logger";
import type { AskResponse, Citation, RagDecision } from "../../schemas/chat";
import { EngineError, type Usage } from "../gateway/engines/engine";
import { createFixedAnswerEngine } from "../gateway/engines/retrieval-only-engine";
import { resolveEngine, type ResolvedEngine } from "../gateway/resolve-engine";
import { decideRag, type RagOutcome } from "../knowledge/retrieval/decide-rag";
import type { Passage } from "../knowledge/retrieval/search-passages";
import { observeExchange, trackBackendRequest } from "../observability/metrics";
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

/** A knowledge_only assistant with nothing relevant answers with its refusal; no model is called. */
function refusalEngine(message: string): ResolvedEngine {
  return { engine: createFixedAnswerEngine(() => message), backend: null };
}

async function retrieve(prepared: PreparedExchange): Promise<RagOutcome> {
  try {
    return await decideRag(prepared.assistant, prepared.question);
  } catch (error) {
    logger.error({ err: error, assistant: prepared.assistant.id }, "knowledge search failed");
    throw new AppError("UNAVAILABLE", "The assistant's knowledge could not be searched; try again");
  }
}

/** Maps an engine failure to the error the caller sees (HTTP status through the error table). */
export function toExchangeAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof EngineError) {
    switch (error.kind) {
      case "rate_limited": {
        const retryAfter = error.details.retryAfterSeconds ?? 1;
        return new AppError("RATE_LIMITED", "The model backend is at capacity; retry shortly", undefined, {
          "retry-after": String(Math.max(1, Math.ceil(retryAfter))),
        });
      }
      case "timeout":
        return new AppError("UPSTREAM_TIMEOUT", error.message);
      default:
        return new AppError("UPSTREAM_ERROR", error.message);
    }
  }
  return new AppError("INTERNAL", "Unexpected error while generating the answer");
}

function toExchangeError(error: AppError): ExchangeError {
  const retryAfter = error.headers?.["retry-after"];
  return {
    code: error.code,
    message: error.message,
    ...(retryAfter ? { retry_after_seconds: Number(retryAfter) } : {}),
  };
}

export async function* runExchange(
  prepared: PreparedExchange,
  options: RunOptions,
): AsyncGenerator<ChatEvent> {
  const { assistant, sessionId, answerMessageId } = prepared;
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
  let untrackBackend = () => {};
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
    // Inside the try: a consumer that stops right after this event still gets a cancelled record.
    yield {
      type: "response.created",
      session_id: sessionId,
      message_id: answerMessageId,
      model: assistant.model,
    };
    const knowledge = await retrieve(prepared);
    rag = knowledge.rag;
    citations = toCitations(knowledge.passages);
    yield { type: "rag.completed", rag, citations };
    const resolved =
      rag.decision === "refused"
        ? refusalEngine(assistant.rag.refusal_message)
        : await resolveEngine(assistant.model);
    backend = resolved.backend;
    if (backend) untrackBackend = trackBackendRequest(backend.name);
    queueMs = elapsed();
    const events = resolved.engine.generate({
      model: assistant.model,
      messages: buildPrompt(prepared, knowledge.passages),
      passages: knowledge.passages,
      temperature: assistant.generation.temperature,
      topP: assistant.generation.top_p,
      maxOutputTokens: assistant.generation.max_output_tokens,
      reasoningEffort: assistant.generation.reasoning_effort,
      signal: generation.signal,
    });
    for await (const event of events) {
      if ((event.type === "reasoning.delta" || event.type === "output_text.delta") && ttftMs === null)
        ttftMs = elapsed();
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
      model: assistant.model,
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
      failure = toExchangeAppError(error);
      if (!(error instanceof EngineError || error instanceof AppError)) {
        logger.error({ err: error, messageId: answerMessageId }, "generation failed unexpectedly");
      }
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
    untrackBackend();
    // A consumer that went away (or stopped reading) lands here: stop the model, record it.
    if (outcome === "cancelled") {
      generation.abort(new Error("consumer stopped"));
      await started;
      if (!recordFailure) await record();
    }
  }

  async function record() {
    untrackBackend();
    observeExchange({
      assistant: assistant.id,
      model: assistant.model,
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
      rag,
      citations,
      backendId: backend?.id ?? null,
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
