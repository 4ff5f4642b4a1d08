import { exportAuditEventsEndpoint } from "@/server/http/endpoints/audit";
import { failureResponse } from "@/server/http/error-response";
import { observeRequest, parseRequest, type RouteContext } from "@/server/http/handle";
import { REQUEST_ID_HEADER, requestIdOf } from "@/server/http/request-id";
import { exportAuditEvents } from "@/server/services/audit/export-audit-events";

export const dynamic = "force-dynamic";

/** Pieces of text as the bytes of a response body, read only as fast as the client takes them. */
function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

// A file rather than a JSON body (CSV or JSON), offered as a download and streamed.
export async function GET(request: Request, context: RouteContext) {
  const requestId = requestIdOf(request);
  const started = performance.now();
  let response: Response;
  try {
    const { actor, query } = await parseRequest(exportAuditEventsEndpoint, request, context, requestId);
    const file = exportAuditEvents(actor, query);
    response = new Response(streamOf(file.chunks), {
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
  observeRequest(exportAuditEventsEndpoint, response, started);
  return response;
}
