// The widget's chat: Server-Sent Events for the iframe only (widget token, Hearth's own origin, an
// allowed embedding site, rate limits), in a visitor's terms (server/http/widget-response.ts).
import { widgetStreamEndpoint } from "@/server/http/endpoints/widget";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { sse } from "@/server/http/reply";
import { visitorEventEncoder } from "@/server/http/widget-response";
import { startExchange } from "@/server/services/runtime/exchange/start-exchange";
import { prepareWidgetExchange } from "@/server/services/widget/prepare-widget-exchange";

export const dynamic = "force-dynamic";

export const POST = handle(widgetStreamEndpoint, async ({ caller, body, clientAddress, requestId }) => {
  const prepared = await prepareWidgetExchange(caller, { message: body.message, clientAddress });
  const events = await startExchange(prepared, { includeReasoning: false });
  return sse(events, visitorEventEncoder(caller.widget, requestId));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
