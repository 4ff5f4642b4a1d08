import { listModelsEndpoint } from "@/server/http/endpoints/openai";
import { handle } from "@/server/http/handle";
import { listModels } from "@/server/services/openai-facade/list-models";

export const GET = handle(listModelsEndpoint, ({ actor }) => listModels(actor));
