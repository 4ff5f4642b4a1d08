// The iframe page's entry check. The browser sends the embedding page's origin as the Referer of
// the iframe's document request (Referrer-Policy strict-origin-when-cross-origin, the default);
// only an allowed origin gets a token, and one client address only so many a minute. A site that
// hides its referrer gets no chat.
import { AppError } from "../../errors";
import type { WidgetAppearance } from "../../schemas/widget";
import { widgetMessages, type WidgetLanguage } from "../../schemas/widget-messages";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { loadLiveWidget } from "./load-live-widget";
import { toLanguage } from "./widget-dto";
import { frameAncestors, isOriginAllowed, originOf } from "./widget-origin";
import { newWidgetSessionId, signWidgetToken, WIDGET_TOKEN_TTL_MS } from "./widget-token";

export type WidgetPage =
  | { status: "ready"; appearance: WidgetAppearance; token: string }
  | { status: "refused"; reason: string; language: WidgetLanguage };

export async function openWidget(
  assistantId: string,
  referer: string | null,
  clientAddress: string,
): Promise<WidgetPage> {
  const live = await loadLiveWidget(assistantId);
  if (!live) return { status: "refused", reason: widgetMessages("en").notAvailable, language: "en" };
  const language = toLanguage(live.widget.language);
  const texts = widgetMessages(language);
  const origin = originOf(referer);
  if (!isOriginAllowed(origin, live.widget.allowedOrigins)) {
    return { status: "refused", reason: texts.notAvailableHere, language };
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
    if (error instanceof AppError) return { status: "refused", reason: texts.tooManyChats, language };
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
      language,
      suggestions: live.suggestedQuestions,
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
