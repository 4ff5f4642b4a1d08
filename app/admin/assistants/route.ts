import { createAssistantEndpoint, listAssistantsEndpoint } from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createAssistant } from "@/server/services/assistants/create-assistant";
import { listAssistants } from "@/server/services/assistants/list-assistants";

export const GET = handle(listAssistantsEndpoint, ({ actor, query }) => listAssistants(actor, query));

export const POST = handle(createAssistantEndpoint, ({ actor, body }) => createAssistant(actor, body));

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
