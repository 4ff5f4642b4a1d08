import { askEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { askAssistant } from "@/server/services/runtime/ask-assistant";

export const POST = handle(askEndpoint, ({ actor, params, body, request }) =>
  askAssistant(actor, params.assistant_id, body, request.signal),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
