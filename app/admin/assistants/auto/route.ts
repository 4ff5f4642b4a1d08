import { createAssistantAutoEndpoint } from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import {
  createAssistantAuto,
  createAssistantFromFiles,
} from "@/server/services/assistants/create-assistant-auto";

export const POST = handle(createAssistantAutoEndpoint, ({ actor, body, upload }) =>
  upload ? createAssistantFromFiles(actor, upload) : createAssistantAuto(actor, body),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
