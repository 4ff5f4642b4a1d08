import { metricsEndpoint } from "@/server/http/endpoints/observability";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { text } from "@/server/http/reply";
import { readMetrics } from "@/server/services/observability/read-metrics";

export const dynamic = "force-dynamic";

export const GET = handle(metricsEndpoint, async ({ request }) =>
  text(await readMetrics(request.headers.get("authorization"))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
