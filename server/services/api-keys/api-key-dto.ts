import type { ApiKey } from "../../db/client";
import type { ApiKeyDto } from "../../schemas/api-key";
import { quotasOf } from "../../schemas/quotas";

export function toApiKeyDto(row: ApiKey): ApiKeyDto {
  return {
    id: row.id,
    object: "api_key",
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    assistant_ids: row.assistantIds,
    quotas: quotasOf(row.quotas),
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
