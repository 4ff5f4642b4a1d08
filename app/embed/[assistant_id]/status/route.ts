// The loader's check before it draws the launcher (widget.js): allowed, refused or disabled for the
// calling page's origin, read from the browser's Origin header.
import { widgetStatusEndpoint } from "@/server/http/endpoints/widget-status";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { getWidgetStatus } from "@/server/services/widget/get-widget-status";

export const dynamic = "force-dynamic";

export const GET = handle(widgetStatusEndpoint, ({ params, request, clientAddress }) =>
  getWidgetStatus(params.assistant_id, { origin: request.headers.get("origin"), clientAddress }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
