import { importOpenApiToolsEndpoint } from "@/server/http/endpoints/assistants";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { importOpenApi } from "@/server/services/tools/import-openapi";

export const POST = handle(importOpenApiToolsEndpoint, ({ actor, body }) => importOpenApi(actor, body));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
