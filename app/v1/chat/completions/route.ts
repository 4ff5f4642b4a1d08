import { chatCompletionsEndpoint } from "@/server/http/endpoints/openai";
import { failureResponse } from "@/server/http/error-response";
import { jsonResponse, observeRequest, parseRequest, type RouteContext } from "@/server/http/handle";
import { requestIdOf } from "@/server/http/request-id";
import { encodeFrame, sseResponse } from "@/server/http/sse-response";
import { traceRoute } from "@/server/http/trace-route";
import { prepareExchange } from "@/server/services/chat/prepare-exchange";
import { startExchange } from "@/server/services/chat/start-exchange";
import { completeChat } from "@/server/services/openai-facade/complete-chat";
import { chatChunkEncoder } from "@/server/services/openai-facade/chat-chunk-encoder";
import { toExchangeInput } from "@/server/services/openai-facade/to-exchange-input";
import { methodNotAllowed } from "@/server/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);

export const POST = traceRoute(chatCompletionsEndpoint, complete);

async function complete(request: Request, context: RouteContext) {
  const started = performance.now();
  const response = await answer(request, context);
  observeRequest(chatCompletionsEndpoint, response, started);
  return response;
}

async function answer(request: Request, context: RouteContext): Promise<Response> {
  const requestId = requestIdOf(request);
  try {
    const { actor, body } = await parseRequest(chatCompletionsEndpoint, request, context, requestId);
    if (!body.stream) {
      return jsonResponse(
        chatCompletionsEndpoint,
        await completeChat(actor, body, request.signal),
        requestId,
      );
    }
    const prepared = await prepareExchange(actor, body.model, toExchangeInput(body));
    const includeUsage = body.stream_options?.include_usage ?? false;
    const events = await startExchange(prepared, { includeReasoning: true });
    const chunks = chatChunkEncoder(body.model, includeUsage);
    return sseResponse(request, requestId, events, (event) =>
      chunks(event)
        .map((data) => encodeFrame({ data }))
        .join(""),
    );
  } catch (error) {
    return failureResponse(error, request, requestId);
  }
}
