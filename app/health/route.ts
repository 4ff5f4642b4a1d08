import { healthEndpoint } from "@/server/http/endpoints/system";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { checkHealth } from "@/server/services/system/check-health";

export const dynamic = "force-dynamic";

export const GET = handle(healthEndpoint, ({ query }) => checkHealth(query.probe));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
