import { listModelsEndpoint } from "@/server/http/endpoints/openai";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { listModels } from "@/server/services/openai-facade/list-models";

export const GET = handle(listModelsEndpoint, ({ actor }) => listModels(actor));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
