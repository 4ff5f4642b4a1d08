import { enableAssistantEndpoint } from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { setAssistantEnabled } from "@/server/services/assistants/set-assistant-enabled";

export const POST = handle(enableAssistantEndpoint, ({ actor, params }) =>
  setAssistantEnabled(actor, params.assistant_id, true),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
