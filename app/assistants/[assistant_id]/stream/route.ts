import { chatEventFrames } from "@/server/http/chat-sse";
import { streamEndpoint } from "@/server/http/endpoints/runtime";
import { failureResponse } from "@/server/http/error-response";
import { observeRequest, parseRequest, type RouteContext } from "@/server/http/handle";
import { requestIdOf } from "@/server/http/request-id";
import { sseResponse } from "@/server/http/sse-response";
import { prepareExchange } from "@/server/services/chat/prepare-exchange";
import { runExchange } from "@/server/services/chat/run-exchange";

export const dynamic = "force-dynamic";

export async function POST(request: Request, context: RouteContext) {
  const requestId = requestIdOf(request);
  const started = performance.now();
  let response: Response;
  try {
    const { actor, params, body } = await parseRequest(streamEndpoint, request, context, requestId);
    const prepared = await prepareExchange(actor, params.assistant_id, body);
    response = sseResponse(request, requestId, (signal) =>
      chatEventFrames(runExchange(prepared, { signal, includeReasoning: body.reasoning })),
    );
  } catch (error) {
    response = failureResponse(error, request, requestId);
  }
  observeRequest(streamEndpoint, response, started);
  return response;
}
