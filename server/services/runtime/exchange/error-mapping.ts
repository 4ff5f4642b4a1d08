// An exchange's failure in its three forms: the AppError an engine failure becomes (public message
// for every caller, the upstream's answer and the backend's name as the operator's `detail`), the
// `error` event that carries it to the consumer (code, message, when to retry), and that event back
// as an AppError for a JSON response (ask, the OpenAI facade, a stream refused before it opened).
import { AppError } from "../../../errors";
import type { ChatEvent, ExchangeError } from "../../chat/chat-events";
import {
  EngineError,
  PUBLIC_CUT_MESSAGE,
  PUBLIC_TIMEOUT_MESSAGE,
  PUBLIC_UPSTREAM_MESSAGE,
} from "../../gateway/engines/engine";
import { rateLimitOf } from "../../gateway/gateway";

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
      case "rate_limited":
        return new AppError("RATE_LIMITED", "The model backend is at capacity; retry shortly", {
          rateLimit: rateLimitOf(error.details.retryAfterSeconds ?? 1),
          detail,
        });
      case "timeout":
        return new AppError("UPSTREAM_TIMEOUT", PUBLIC_TIMEOUT_MESSAGE, { detail });
      default:
        return new AppError(
          "UPSTREAM_ERROR",
          error.details.afterFirstToken ? PUBLIC_CUT_MESSAGE : PUBLIC_UPSTREAM_MESSAGE,
          { detail },
        );
    }
  }
  return new AppError("INTERNAL", "Unexpected error while generating the answer");
}

/** The error event's payload: the code and public message, and when to retry; never the detail. */
export function toExchangeError(error: AppError): ExchangeError {
  const retryAfter = error.rateLimit?.retryAfterSeconds;
  const limit = error.rateLimit?.limit;
  return {
    code: error.code,
    message: error.message,
    ...(retryAfter ? { retry_after_seconds: retryAfter } : {}),
    ...(limit ? { limit } : {}),
  };
}

/** An exchange's error event as the AppError a JSON response carries (status, Retry-After). */
export function errorOf(event: Extract<ChatEvent, { type: "error" }>): AppError {
  const retryAfter = event.error.retry_after_seconds;
  return new AppError(event.error.code, event.error.message, {
    details: { message_id: event.message_id, session_id: event.session_id },
    rateLimit: retryAfter !== undefined ? rateLimitOf(retryAfter, event.error.limit) : undefined,
  });
}
