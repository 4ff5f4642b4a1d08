// Reads what the widget's checks need from an embed request: the widget token (Authorization:
// Bearer), the Origin and Host headers, and the client address the widget's limits count by
// (client-address.ts: the socket's peer, or what a trusted proxy forwarded).
import type { WidgetRequest } from "../services/widget/authenticate-widget";
import { clientAddressOf, requestHostOf } from "./client-address";

export function widgetRequestOf(
  request: Request,
  requestId: string,
): WidgetRequest & { clientAddress: string } {
  const authorization = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? null;
  const clientAddress = clientAddressOf(request.headers);
  return {
    token,
    origin: request.headers.get("origin"),
    host: requestHostOf(request.headers),
    clientAddress,
    via: { clientAddress, requestId },
  };
}
