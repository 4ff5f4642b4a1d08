// The iframe page's entry check. The browser sends the embedding page's origin as the Referer of
// the iframe's document request (Referrer-Policy strict-origin-when-cross-origin, the default);
// only an allowed origin gets a token, and one client address only so many a minute. A site that
// hides its referrer gets no chat.
import { AppError } from "../../errors";
import type { WidgetAppearance } from "../../schemas/widget";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { loadLiveWidget } from "./load-live-widget";
import { frameAncestors, isOriginAllowed, originOf } from "./widget-origin";
import { newWidgetSessionId, signWidgetToken, WIDGET_TOKEN_TTL_MS } from "./widget-token";

export type WidgetPage =
  { status: "ready"; appearance: WidgetAppearance; token: string } | { status: "refused"; reason: string };

const UNAVAILABLE = "This chat is not available.";

export async function openWidget(
  assistantId: string,
  referer: string | null,
  clientAddress: string,
): Promise<WidgetPage> {
  const live = await loadLiveWidget(assistantId);
  if (!live) return { status: "refused", reason: UNAVAILABLE };
  const origin = originOf(referer);
  if (!isOriginAllowed(origin, live.widget.allowedOrigins)) {
    return { status: "refused", reason: "This chat is not available on this site." };
  }
  try {
    // Each page load starts a widget session (its own per-conversation limit): minting them
    // without bound would make that limit meaningless, so one address gets so many a minute.
    await consumeRateLimit({
      scope: "widget-token",
      key: `${assistantId}:${clientAddress}`,
      limit: live.widget.ratePerMinutePerIp,
      message: "Too many chat windows opened from this address; please wait a minute.",
    });
  } catch (error) {
    if (error instanceof AppError) return { status: "refused", reason: error.message };
    throw error;
  }
  const { widget } = live;
  return {
    status: "ready",
    appearance: {
      assistantId,
      title: widget.title || live.assistantName,
      greeting: widget.greeting,
      primaryColor: widget.primaryColor,
      siteOrigin: origin!,
    },
    token: signWidgetToken({
      assistantId,
      origin: origin!,
      widgetSessionId: newWidgetSessionId(),
      expiresAt: Date.now() + WIDGET_TOKEN_TTL_MS,
    }),
  };
}

/** The `frame-ancestors` directive for the iframe page: 'none' unless the widget is live. */
export async function widgetFrameAncestors(assistantId: string): Promise<string> {
  const live = await loadLiveWidget(assistantId);
  return frameAncestors(live?.widget.allowedOrigins ?? []);
}
