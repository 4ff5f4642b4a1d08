import { AppError } from "../../errors";
import type { AskResponse } from "../../schemas/chat";
import { rateLimitHeaders } from "../gateway/gateway";
import type { ChatEvent } from "./chat-events";
import type { PreparedExchange } from "./prepare-exchange";
import { runExchange, type RunOptions } from "./run-exchange";

/**
 * Runs an exchange to its end for the non-streaming forms (ask, the OpenAI facade): the complete
 * response, or the exchange's error as an AppError (with Retry-After when the backend gave one).
 */
export async function runToCompletion(prepared: PreparedExchange, options: RunOptions): Promise<AskResponse> {
  for await (const event of runExchange(prepared, options)) {
    if (event.type === "response.completed") return event.response;
    if (event.type === "error") throw errorOf(event);
  }
  throw new AppError("UPSTREAM_ERROR", "The request was cancelled before the answer was finished");
}

/** An exchange's error event as the AppError a JSON response carries (status, Retry-After). */
export function errorOf(event: Extract<ChatEvent, { type: "error" }>): AppError {
  const retryAfter = event.error.retry_after_seconds;
  return new AppError(
    event.error.code as AppError["code"],
    event.error.message,
    { message_id: event.message_id, session_id: event.session_id },
    retryAfter !== undefined ? rateLimitHeaders(retryAfter, event.error.limit) : undefined,
  );
}
