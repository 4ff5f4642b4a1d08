import {
  apiKeyIdParamsSchema,
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyInputSchema,
  createdApiKeySchema,
  listApiKeysQuerySchema,
  updateApiKeyInputSchema,
} from "../../schemas/api-key";
import { quotaUsageListSchema } from "../../schemas/quotas";
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

export const updateApiKeyEndpoint = defineEndpoint({
  method: "post",
  path: "/admin/api-keys/{key_id}",
  summary: "Rename an API key or change its quotas",
  description:
    "`quotas` replaces the key's quotas as a whole (null in a field: no limit). They hold from the key's next " +
    "question, on every replica. A question over a quota is refused with `429 RATE_LIMITED`, `Retry-After`, " +
    "`RateLimit-*` headers and the quota named in `error.details.quota`.",
  tag,
  auth: "admin",
  params: apiKeyIdParamsSchema,
  body: updateApiKeyInputSchema,
  response: apiKeySchema,
  errors: [
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NOT_FOUND",
    "INVALID_INPUT",
    "UNSUPPORTED_MEDIA_TYPE",
    "PAYLOAD_TOO_LARGE",
  ],
});

export const apiKeyQuotaUsageEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/api-keys/{key_id}/quotas",
  summary: "An API key's use of its quotas",
  description:
    "For each quota the key has: its limit, what is used in the current window (this minute, UTC day or month; " +
    "streams in progress on the replica answering) and when the window starts again.",
  tag,
  auth: "admin",
  params: apiKeyIdParamsSchema,
  response: quotaUsageListSchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"],
});
