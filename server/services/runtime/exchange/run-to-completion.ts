import { AppError } from "../../../errors";
import type { AskResponse } from "../../../schemas/chat";
import type { ChatEvent } from "../../chat/chat-events";
import type { PreparedExchange } from "../../chat/prepare-exchange";
import { errorOf } from "./error-mapping";
import { runExchange, type RunOptions } from "./run-exchange";

/**
 * Runs an exchange to its end for the non-streaming forms (ask, the OpenAI facade): the complete
 * response, or the exchange's error as an AppError (with Retry-After when the backend gave one).
 */
export async function runToCompletion(
  prepared: PreparedExchange,
  options: RunOptions,
  /** Sees each event on the way (the OpenAI facade folds the tool calls from it). */
  observe?: (event: ChatEvent) => void,
): Promise<AskResponse> {
  for await (const event of runExchange(prepared, options)) {
    observe?.(event);
    if (event.type === "response.completed") return event.response;
    if (event.type === "error") throw errorOf(event);
  }
  throw new AppError("UPSTREAM_ERROR", "The request was cancelled before the answer was finished");
}
