import { createAssistantAutoEndpoint } from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import {
  createAssistantAuto,
  createAssistantFromFiles,
} from "@/server/services/assistants/create-assistant-auto";

export const POST = handle(createAssistantAutoEndpoint, ({ actor, body, upload }) =>
  upload ? createAssistantFromFiles(actor, upload) : createAssistantAuto(actor, body),
);
