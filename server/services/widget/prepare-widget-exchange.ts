// A question from the widget: within its rate limits (per client address, per widget session, and
// for all visitors together, counted in the database across replicas), continuing the widget session's own conversation. The
// session is found from the token, never taken from the request, so one widget session cannot
// reach another's conversation.
import type { PreparedExchange } from "../chat/prepare-exchange";
import { prepareExchange } from "../chat/prepare-exchange";
import type { WidgetCaller } from "./authenticate-widget";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { findWidgetChatSessionId, widgetEndUser } from "./widget-conversation";

export async function prepareWidgetExchange(
  caller: WidgetCaller,
  input: { message: string; clientAddress: string },
): Promise<PreparedExchange> {
  const { actor, widget } = caller;
  await consumeRateLimit({
    scope: "widget-ip",
    key: `${actor.assistantId}:${input.clientAddress}`,
    limit: widget.ratePerMinutePerIp,
    message: "Too many messages from this address; wait a minute",
  });
  await consumeRateLimit({
    scope: "widget-all",
    key: actor.assistantId,
    limit: widget.ratePerMinute,
    message: "This chat is very busy right now; please try again in a minute",
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
    channel: "widget",
  });
}
