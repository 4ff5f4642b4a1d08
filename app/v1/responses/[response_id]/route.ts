import { getResponseEndpoint } from "@/server/http/endpoints/openai";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { getResponse } from "@/server/services/openai-facade/responses/get-response";

export const GET = handle(getResponseEndpoint, ({ actor, params }) => getResponse(actor, params.response_id));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
