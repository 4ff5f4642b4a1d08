// A question from the widget: within its rate limits (per client IP and per widget session, both
// counted in the database across replicas), continuing the widget session's own conversation. The
// session is found from the token, never taken from the request, so one widget session cannot
// reach another's conversation.
import type { PreparedExchange } from "../chat/prepare-exchange";
import { prepareExchange } from "../chat/prepare-exchange";
import type { WidgetCaller } from "./authenticate-widget";
import { consumeRateLimit } from "./consume-rate-limit";
import { findWidgetChatSessionId, widgetEndUser } from "./widget-conversation";

export async function prepareWidgetExchange(
  caller: WidgetCaller,
  input: { message: string; ip: string },
): Promise<PreparedExchange> {
  const { actor, widget } = caller;
  await consumeRateLimit({
    scope: "widget-ip",
    key: `${actor.assistantId}:${input.ip}`,
    limit: widget.ratePerMinutePerIp,
    message: "Too many messages from this address; wait a minute",
  });
  await consumeRateLimit({
    scope: "widget-session",
    key: `${actor.assistantId}:${actor.widgetSessionId}`,
    limit: widget.ratePerMinutePerSession,
    message: "Too many messages in this conversation; wait a minute",
  });
  const sessionId = await findWidgetChatSessionId(actor);
  return prepareExchange(actor, actor.assistantId, {
    message: input.message,
    session_id: sessionId ?? undefined,
    user: widgetEndUser(actor),
    metadata: { channel: "widget", origin: actor.origin },
  });
}
