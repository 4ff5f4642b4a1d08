import { revokeApiKeyEndpoint } from "@/server/http/endpoints/api-keys";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { revokeApiKey } from "@/server/services/api-keys/revoke-api-key";

export const DELETE = handle(revokeApiKeyEndpoint, ({ actor, params }) => revokeApiKey(actor, params.key_id));

export const { GET, POST, PUT, PATCH, OPTIONS } = allowOnly(DELETE);
