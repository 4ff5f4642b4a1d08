import type { CreateResponseRequest } from "../../../schemas/openai-responses";
import type { Actor } from "../../access/actor";
import type { ChatEvent } from "../../chat/chat-events";
import { startExchange, type ExchangeEvents } from "../../runtime/exchange/start-exchange";
import { prepareResponse } from "./prepare-response";
import { responseStreamEncoder, type ResponseFrame } from "./stream-encoder";

/**
 * A streamed response, started: a refusal before the first event (admission, a bad request) is
 * thrown here, while the caller can still answer with a JSON error; then the exchange's events and
 * the encoder that turns each into the Responses API's frames.
 */
export async function streamResponse(
  actor: Actor,
  request: CreateResponseRequest,
): Promise<{ events: ExchangeEvents; frames: (event: ChatEvent) => ResponseFrame[] }> {
  const { prepared, context } = await prepareResponse(actor, request);
  const events = await startExchange(prepared, { includeReasoning: true });
  return { events, frames: responseStreamEncoder(context) };
}
