import { revokeApiKeyEndpoint, updateApiKeyEndpoint } from "@/server/http/endpoints/api-keys";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { revokeApiKey } from "@/server/services/api-keys/revoke-api-key";
import { updateApiKey } from "@/server/services/api-keys/update-api-key";

export const POST = handle(updateApiKeyEndpoint, ({ actor, params, body }) =>
  updateApiKey(actor, params.key_id, body),
);

export const DELETE = handle(revokeApiKeyEndpoint, ({ actor, params }) => revokeApiKey(actor, params.key_id));

export const { GET, PUT, PATCH, OPTIONS } = allowOnly(POST, DELETE);
