import {
  deleteAssistantEndpoint,
  getAssistantEndpoint,
  updateAssistantEndpoint,
} from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { deleteAssistant } from "@/server/services/assistants/delete-assistant";
import { getAssistant } from "@/server/services/assistants/get-assistant";
import { updateAssistant } from "@/server/services/assistants/update-assistant";

export const GET = handle(getAssistantEndpoint, ({ actor, params }) =>
  getAssistant(actor, params.assistant_id),
);

export const POST = handle(updateAssistantEndpoint, ({ actor, params, body }) =>
  updateAssistant(actor, params.assistant_id, body),
);

export const DELETE = handle(deleteAssistantEndpoint, ({ actor, params }) =>
  deleteAssistant(actor, params.assistant_id),
);

export const { PUT, PATCH, OPTIONS } = allowOnly(GET, POST, DELETE);
