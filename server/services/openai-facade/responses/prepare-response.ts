import type { CreateResponseRequest } from "../../../schemas/openai-responses";
import type { Actor } from "../../access/actor";
import { requireEnabledAssistant } from "../../assistants/require-enabled-assistant";
import { prepareExchange, type PreparedExchange } from "../../chat/prepare-exchange";
import { responseContext, type ResponseContext } from "./build-response";
import { findPreviousResponse } from "./find-previous-response";
import { toExchangeInput } from "./to-exchange-input";

/**
 * A Responses API request made ready to run: the caller checked on the assistant first (so that a
 * caller who may not use it learns nothing of its responses), the previous response found, the
 * exchange prepared, and what the response will say of itself.
 */
export async function prepareResponse(
  actor: Actor,
  request: CreateResponseRequest,
): Promise<{ prepared: PreparedExchange; context: ResponseContext }> {
  await requireEnabledAssistant(actor, request.model);
  const previous = request.previous_response_id
    ? await findPreviousResponse(request.model, request.previous_response_id)
    : null;
  const prepared = await prepareExchange(actor, request.model, toExchangeInput(request, previous));
  return { prepared, context: responseContext(request, prepared, previous) };
}
