import { apiKeyQuotaUsageEndpoint } from "@/server/http/endpoints/api-keys";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { readKeyQuotaUsage } from "@/server/services/quotas/read-quota-usage";

export const GET = handle(apiKeyQuotaUsageEndpoint, ({ actor, params }) =>
  readKeyQuotaUsage(actor, params.key_id),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
