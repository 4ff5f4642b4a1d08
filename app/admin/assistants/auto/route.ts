import { createAssistantAutoEndpoint } from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import { createAssistantAuto } from "@/server/services/assistants/create-assistant-auto";

export const POST = handle(createAssistantAutoEndpoint, ({ actor, body }) =>
  createAssistantAuto(actor, body),
);
