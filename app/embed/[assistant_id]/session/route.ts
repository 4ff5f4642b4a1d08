// The iframe's start: a token for its widget session (resumed from a kept token when it can be)
// and that session's transcript, as its visitor may see it.
import { widgetSessionEndpoint } from "@/server/http/endpoints/widget";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { startWidgetSession } from "@/server/services/widget/start-widget-session";

export const dynamic = "force-dynamic";

export const POST = handle(widgetSessionEndpoint, ({ caller, body, clientAddress }) =>
  startWidgetSession(caller, { resumeToken: body.resume_token, clientAddress }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
