// The iframe's start: a token for its widget session (resumed from a kept token when it can be)
// and that session's transcript, as its visitor may see it.
import { env } from "@/server/env";
import { invalidInput } from "@/server/http/error-response";
import { readJsonBody } from "@/server/http/read-json-body";
import { REQUEST_ID_HEADER, requestIdOf } from "@/server/http/request-id";
import { visitorFailureResponse } from "@/server/http/widget-response";
import { widgetRequestOf } from "@/server/http/widget-request";
import { widgetSessionInputSchema, widgetSessionResponseSchema } from "@/server/schemas/widget";
import { authenticateWidget } from "@/server/services/widget/authenticate-widget";
import { startWidgetSession } from "@/server/services/widget/start-widget-session";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ assistant_id: string }> };

export async function POST(request: Request, context: Context) {
  const requestId = requestIdOf(request);
  try {
    const { assistant_id } = await context.params;
    const facts = widgetRequestOf(request, requestId);
    const caller = await authenticateWidget(assistant_id, facts);
    const parsed = widgetSessionInputSchema.safeParse(await readJsonBody(request, env.HEARTH_MAX_BODY_BYTES));
    if (!parsed.success) throw invalidInput(parsed.error, "body");
    const result = await startWidgetSession(caller, {
      resumeToken: parsed.data.resume_token,
      clientAddress: facts.clientAddress,
    });
    return Response.json(widgetSessionResponseSchema.parse(result), {
      headers: { [REQUEST_ID_HEADER]: requestId, "cache-control": "no-store" },
    });
  } catch (error) {
    return visitorFailureResponse(error, request, requestId);
  }
}
