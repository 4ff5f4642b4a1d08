// The widget's chat: Server-Sent Events for the iframe only (widget token, Hearth's own origin, an
// allowed embedding site, rate limits), in a visitor's terms (server/http/widget-response.ts).
import { env } from "@/server/env";
import { invalidInput } from "@/server/http/error-response";
import { methodNotAllowed } from "@/server/http/method-not-allowed";
import { readJsonBody } from "@/server/http/read-json-body";
import { requestIdOf } from "@/server/http/request-id";
import { sseResponse } from "@/server/http/sse-response";
import { traceRoute } from "@/server/http/trace-route";
import { visitorEventEncoder, visitorFailureResponse } from "@/server/http/widget-response";
import { widgetRequestOf } from "@/server/http/widget-request";
import { widgetStreamInputSchema } from "@/server/schemas/widget";
import { startExchange } from "@/server/services/chat/start-exchange";
import { authenticateWidget } from "@/server/services/widget/authenticate-widget";
import { prepareWidgetExchange } from "@/server/services/widget/prepare-widget-exchange";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ assistant_id: string }> };

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed(["POST"]);

export const POST = traceRoute({ method: "POST", path: "/embed/{assistant_id}/stream" }, stream);

async function stream(request: Request, context: Context) {
  const requestId = requestIdOf(request);
  try {
    const { assistant_id } = await context.params;
    const facts = widgetRequestOf(request, requestId);
    const caller = await authenticateWidget(assistant_id, facts);
    const parsed = widgetStreamInputSchema.safeParse(await readJsonBody(request, env.HEARTH_MAX_BODY_BYTES));
    if (!parsed.success) throw invalidInput(parsed.error, "body");
    const prepared = await prepareWidgetExchange(caller, {
      message: parsed.data.message,
      clientAddress: facts.clientAddress,
    });
    const events = await startExchange(prepared, { includeReasoning: false });
    return sseResponse(request, requestId, events, visitorEventEncoder(caller.widget.sources, requestId));
  } catch (error) {
    return visitorFailureResponse(error, request, requestId);
  }
}
