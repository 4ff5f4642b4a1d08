import {
  apiKeyIdParamsSchema,
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
} from "../../schemas/api-key";
import { defineEndpoint } from "../endpoint";

const tag = "API keys (admin)";

export const createApiKeyEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/api-keys",
  summary: "Create an API key",
  description: "The response holds the secret `key`: it is shown once and stored only as a hash.",
  tag,
  auth: "admin",
  body: createApiKeyInputSchema,
  response: createdApiKeySchema,
  status: 201,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "INVALID_INPUT", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"],
});

export const listApiKeysEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/api-keys",
  summary: "List API keys",
  tag,
  auth: "admin",
  query: listApiKeysQuerySchema,
  response: apiKeyListSchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "INVALID_INPUT"],
});

export const revokeApiKeyEndpoint = defineEndpoint({
  method: "delete",
  path: "/admin/api-keys/{key_id}",
  summary: "Revoke an API key",
  description: "Revocation takes effect at once; the key stays listed with `include_revoked=true`.",
  tag,
  auth: "admin",
  params: apiKeyIdParamsSchema,
  response: apiKeySchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
});
