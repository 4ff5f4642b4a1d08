import { AppError } from "../../errors";
import type { AskResponse } from "../../schemas/chat";
import type { PreparedExchange } from "./prepare-exchange";
import { runExchange, type RunOptions } from "./run-exchange";

/**
 * Runs an exchange to its end for the non-streaming forms (ask, the OpenAI facade): the complete
 * response, or the exchange's error as an AppError (with Retry-After when the backend gave one).
 */
export async function runToCompletion(prepared: PreparedExchange, options: RunOptions): Promise<AskResponse> {
  for await (const event of runExchange(prepared, options)) {
    if (event.type === "response.completed") return event.response;
    if (event.type === "error") {
      const retryAfter = event.error.retry_after_seconds;
      throw new AppError(
        event.error.code as AppError["code"],
        event.error.message,
        { message_id: event.message_id, session_id: event.session_id },
        retryAfter !== undefined ? { "retry-after": String(retryAfter) } : undefined,
      );
    }
  }
  throw new AppError("UPSTREAM_ERROR", "The request was cancelled before the answer was finished");
}
