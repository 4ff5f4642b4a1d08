import { askEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { askAssistant } from "@/server/services/chat/ask-assistant";

export const POST = handle(askEndpoint, ({ actor, params, body, request }) =>
  askAssistant(actor, params.assistant_id, body, request.signal),
);
