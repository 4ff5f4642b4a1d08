import type { AskInput, AskResponse } from "../../schemas/chat";
import type { Actor } from "../access/actor";
import { prepareExchange } from "./prepare-exchange";
import { runExchange } from "./run-exchange";
import { AppError } from "../../errors";

/** One question, one complete answer (the non-streaming form of the same exchange). */
export async function askAssistant(
  actor: Actor,
  assistantId: string,
  input: AskInput,
  signal: AbortSignal,
): Promise<AskResponse> {
  const prepared = await prepareExchange(actor, assistantId, input);
  for await (const event of runExchange(prepared, { signal, includeReasoning: input.reasoning })) {
    if (event.type === "response.completed") return event.response;
    if (event.type === "error") {
      const headers =
        event.error.retry_after_seconds !== undefined
          ? { "retry-after": String(event.error.retry_after_seconds) }
          : undefined;
      throw new AppError(
        event.error.code as AppError["code"],
        event.error.message,
        { message_id: event.message_id, session_id: event.session_id },
        headers,
      );
    }
  }
  throw new AppError("UPSTREAM_ERROR", "The request was cancelled before the answer was finished");
}
