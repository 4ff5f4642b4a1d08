import { chatEventEncoder } from "@/server/http/chat-sse";
import { streamEndpoint } from "@/server/http/endpoints/runtime";
import { failureResponse } from "@/server/http/error-response";
import { observeRequest, parseRequest, type RouteContext } from "@/server/http/handle";
import { requestIdOf } from "@/server/http/request-id";
import { sseResponse } from "@/server/http/sse-response";
import { traceRoute } from "@/server/http/trace-route";
import { prepareExchange } from "@/server/services/chat/prepare-exchange";
import { startExchange } from "@/server/services/chat/start-exchange";
import { methodNotAllowed } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);

export const POST = traceRoute(streamEndpoint, stream);

async function stream(request: Request, context: RouteContext) {
  const requestId = requestIdOf(request);
  const started = performance.now();
  let response: Response;
  try {
    const { actor, params, body } = await parseRequest(streamEndpoint, request, context, requestId);
    const prepared = await prepareExchange(actor, params.assistant_id, body);
    const events = await startExchange(prepared, { includeReasoning: body.reasoning });
    response = sseResponse(request, requestId, events, chatEventEncoder());
  } catch (error) {
    response = failureResponse(error, request, requestId);
  }
  observeRequest(streamEndpoint, response, started);
  return response;
}
