import { chatEventEncoder } from "@/server/http/chat-sse";
import { streamEndpoint } from "@/server/http/endpoints/runtime";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { sse } from "@/server/http/reply";
import { prepareExchange } from "@/server/services/chat/prepare-exchange";
import { startExchange } from "@/server/services/runtime/exchange/start-exchange";

export const dynamic = "force-dynamic";

export const POST = handle(streamEndpoint, async ({ actor, params, body }) => {
  const prepared = await prepareExchange(actor, params.assistant_id, body);
  return sse(await startExchange(prepared, { includeReasoning: body.reasoning }), chatEventEncoder());
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
