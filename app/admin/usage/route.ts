import { readUsageEndpoint } from "@/server/http/endpoints/usage";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { readUsage } from "@/server/services/usage/read-usage";

export const GET = handle(readUsageEndpoint, ({ actor, query }) => readUsage(actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
