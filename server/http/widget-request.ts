// Reads what the widget's checks need from an embed request: the widget token (Authorization:
// Bearer), the Origin and Host headers; `via` carries the client address the widget's limits
// count by (client-address.ts: the socket's peer, or what a trusted proxy forwarded).
import type { RequestOrigin } from "../services/access/actor";
import type { WidgetRequest } from "../services/widget/authenticate-widget";
import { requestHostOf } from "./client-address";

export function widgetRequestOf(request: Request, via: RequestOrigin): WidgetRequest {
  const authorization = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? null;
  return { token, origin: request.headers.get("origin"), host: requestHostOf(request.headers), via };
}
