import { chatCompletionsEndpoint } from "@/server/http/endpoints/openai";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { sse } from "@/server/http/reply";
import { encodeFrame } from "@/server/http/sse-response";
import { prepareExchange } from "@/server/services/chat/prepare-exchange";
import { startExchange } from "@/server/services/runtime/exchange/start-exchange";
import { completeChat } from "@/server/services/openai-facade/complete-chat";
import { chatChunkEncoder } from "@/server/services/openai-facade/chat-chunk-encoder";
import { toExchangeInput } from "@/server/services/openai-facade/to-exchange-input";

export const dynamic = "force-dynamic";

export const POST = handle(chatCompletionsEndpoint, async ({ actor, body, request }) => {
  if (!body.stream) return completeChat(actor, body, request.signal);
  const prepared = await prepareExchange(actor, body.model, toExchangeInput(body));
  const events = await startExchange(prepared, { includeReasoning: true });
  const chunks = chatChunkEncoder(body.model, body.stream_options?.include_usage ?? false);
  return sse(events, (event) =>
    chunks(event)
      .map((data) => encodeFrame({ data }))
      .join(""),
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
