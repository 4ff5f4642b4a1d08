// What the loader (widget.js) asks before drawing anything: may a page of this origin show the
// widget? The origin is the browser's Origin header, which a page's script cannot set; a refused
// origin is recorded for the console. A refused page learns nothing about the widget but that, an
// allowed one whether it is on and what the launcher looks like. The answer's `message` is for the
// site's developer, who reads it in the browser's console.
import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { WidgetStatus } from "../../schemas/widget";
import { fillMessage, widgetMessages } from "../../schemas/widget-messages";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { recordRefusedOrigin } from "./record-refused-origin";
import { toLanguage, toPosition, widgetDefaults } from "./widget-dto";
import { isOriginAllowed, originOf } from "./widget-origin";

export interface WidgetStatusRequest {
  /** The request's Origin header. */
  origin: string | null;
  clientAddress: string;
}

const where = (assistantId: string) => `Hearth's console: Assistants → ${assistantId} → Widget`;

function refusal(assistantId: string, origin: string | null): WidgetStatus {
  const message = origin
    ? `This page's origin ${origin} is not allowed to show the widget of assistant '${assistantId}'. ` +
      `To show it here, add ${origin} to the allowed origins in ${where(assistantId)} (it is listed there under "Refused origins", with Allow).`
    : `The browser sent no Origin header, so Hearth cannot tell which site this page is on; the widget of ` +
      `assistant '${assistantId}' is shown only on pages of its allowed origins.`;
  return { status: "refused", origin, message, widget: null };
}

export async function getWidgetStatus(
  assistantId: string,
  request: WidgetStatusRequest,
): Promise<WidgetStatus> {
  const assistant = await getDb().assistant.findUnique({
    where: { id: assistantId },
    select: { name: true, enabled: true, widget: true },
  });
  if (!assistant) throw notFound("Assistant", assistantId);
  const { widget } = assistant;
  // One check per page view: a few per message allowed, like opening the chat.
  await consumeRateLimit({
    scope: "widget-status",
    key: `${assistantId}:${request.clientAddress}`,
    limit: (widget?.ratePerMinutePerIp ?? widgetDefaults.ratePerMinutePerIp) * 3,
    message: "Too many widget checks from this address; wait a minute",
  });
  const origin = originOf(request.origin);
  if (!widget || !isOriginAllowed(origin, widget.allowedOrigins)) {
    if (origin) await recordRefusedOrigin(assistantId, origin);
    return refusal(assistantId, origin);
  }
  if (!widget.enabled || !assistant.enabled) {
    const what = widget.enabled
      ? `assistant '${assistantId}' is disabled`
      : `widget of assistant '${assistantId}' is turned off`;
    return {
      status: "disabled",
      origin,
      message: `The ${what}, so no chat is shown. Turn it on in ${where(assistantId)}.`,
      widget: null,
    };
  }
  const language = toLanguage(widget.language);
  const texts = widgetMessages(language);
  const title = widget.title || assistant.name;
  return {
    status: "allowed",
    origin,
    message: `The widget of assistant '${assistantId}' is allowed on ${origin}.`,
    widget: {
      title,
      primary_color: widget.primaryColor,
      position: toPosition(widget.position),
      language,
      labels: { open: texts.openChat, close: texts.closeChat, frame: fillMessage(texts.chatWith, { title }) },
    },
  };
}
