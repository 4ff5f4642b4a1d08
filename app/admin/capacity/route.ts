import { capacityEndpoint } from "@/server/http/endpoints/observability";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { getCapacity } from "@/server/services/sla/plan-capacity";

export const dynamic = "force-dynamic";

export const GET = handle(capacityEndpoint, ({ actor, query }) => getCapacity(actor, query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
