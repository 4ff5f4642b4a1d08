import { askEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { askAssistant } from "@/server/services/chat/ask-assistant";
import { methodNotAllowed } from "@/server/http/method-not-allowed";

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);

export const POST = handle(askEndpoint, ({ actor, params, body, request }) =>
  askAssistant(actor, params.assistant_id, body, request.signal),
);
