// Reads what the widget's checks need from an embed request: the widget token (Authorization:
// Bearer), the Origin and Host headers, and the client IP for the per-IP limit (the first
// X-Forwarded-For entry, as set by the reverse proxy; see the README on proxies).
import type { WidgetRequest } from "../services/widget/authenticate-widget";

export function widgetRequestOf(request: Request): WidgetRequest & { ip: string } {
  const authorization = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] ?? null;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    token,
    origin: request.headers.get("origin"),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
    ip: forwarded || request.headers.get("x-real-ip") || "unknown",
  };
}
