import { draftAssistantEndpoint } from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { draftAssistant } from "@/server/services/drafting/draft-assistant";

export const POST = handle(draftAssistantEndpoint, ({ actor, upload }) => draftAssistant(actor, upload!));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
