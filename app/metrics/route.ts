import { failureResponse } from "@/server/http/error-response";
import { REQUEST_ID_HEADER, requestIdOf } from "@/server/http/request-id";
import { readMetrics } from "@/server/services/observability/read-metrics";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const requestId = requestIdOf(request);
  try {
    const metrics = await readMetrics(request.headers.get("authorization"));
    return new Response(metrics.body, {
      headers: {
        "content-type": metrics.contentType,
        "cache-control": "no-store",
        [REQUEST_ID_HEADER]: requestId,
      },
    });
  } catch (error) {
    return failureResponse(error, request, requestId);
  }
}
