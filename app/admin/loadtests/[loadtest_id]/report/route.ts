import { loadTestReportEndpoint } from "@/server/http/endpoints/loadtests";
import { failureResponse } from "@/server/http/error-response";
import { observeRequest, parseRequest, type RouteContext } from "@/server/http/handle";
import { REQUEST_ID_HEADER, requestIdOf } from "@/server/http/request-id";
import { exportLoadTestReport } from "@/server/services/loadtest/report/export-report";

export const dynamic = "force-dynamic";

// A file rather than a JSON body: Markdown, CSV or JSON, offered as a download.
export async function GET(request: Request, context: RouteContext) {
  const requestId = requestIdOf(request);
  const started = performance.now();
  let response: Response;
  try {
    const { actor, params, query } = await parseRequest(loadTestReportEndpoint, request, context, requestId);
    const file = await exportLoadTestReport(actor, params.loadtest_id, query);
    response = new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
        [REQUEST_ID_HEADER]: requestId,
      },
    });
  } catch (error) {
    response = failureResponse(error, request, requestId);
  }
  observeRequest(loadTestReportEndpoint, response, started);
  return response;
}
