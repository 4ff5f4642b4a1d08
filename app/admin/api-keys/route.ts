import { createApiKeyEndpoint, listApiKeysEndpoint } from "@/server/http/endpoints/api-keys";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createApiKey } from "@/server/services/api-keys/create-api-key";
import { listApiKeys } from "@/server/services/api-keys/list-api-keys";

export const GET = handle(listApiKeysEndpoint, ({ actor, query }) => listApiKeys(actor, query));

export const POST = handle(createApiKeyEndpoint, ({ actor, body }) => createApiKey(actor, body));

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
