import { createResponseEndpoint } from "@/server/http/endpoints/openai";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { sse } from "@/server/http/reply";
import { encodeFrame } from "@/server/http/sse-response";
import { createResponse } from "@/server/services/openai-facade/responses/create-response";
import { streamResponse } from "@/server/services/openai-facade/responses/stream-response";

export const dynamic = "force-dynamic";

export const POST = handle(createResponseEndpoint, async ({ actor, body, request }) => {
  if (!body.stream) return createResponse(actor, body, request.signal);
  const { events, frames } = await streamResponse(actor, body);
  return sse(events, (event) => frames(event).map(encodeFrame).join(""));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
