// A visitor's thumbs on an answer in the widget. The answer must be in the visitor's own
// conversation (its chat session's end user is the widget session of the token), whatever the
// message id the request names: any other message, existing or not, is refused alike.
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import type { WidgetFeedbackInput, WidgetFeedbackResponse } from "../../schemas/feedback";
import { authorize } from "../access/policy";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { assertAnswer, saveFeedback } from "../sessions/rated-answer";
import type { WidgetCaller } from "./authenticate-widget";
import { widgetEndUser } from "./widget-conversation";
import { forVisitor } from "./visitor-view";

export async function rateWidgetAnswer(
  caller: WidgetCaller,
  input: WidgetFeedbackInput & { clientAddress: string },
): Promise<WidgetFeedbackResponse> {
  const { actor, widget } = caller;
  authorize(actor, "runtime:use", actor.assistantId);
  await consumeRateLimit({
    scope: "widget-feedback",
    key: `${actor.assistantId}:${input.clientAddress}`,
    // A rating is one click: a few per message allowed.
    limit: widget.ratePerMinutePerIp * 3,
    message: "Too many ratings from this address; wait a minute",
  });
  const message = await getDb().message.findFirst({
    where: {
      id: input.message_id,
      assistantId: actor.assistantId,
      session: { endUser: { externalId: widgetEndUser(actor) } },
    },
  });
  if (!message)
    throw new AppError(
      "FORBIDDEN",
      "Only the answers of your own conversation can be rated",
      forVisitor("ownAnswersOnly"),
    );
  assertAnswer(message);
  const feedback = await saveFeedback(message, actor, input);
  return { message_id: feedback.messageId, rating: feedback.rating, comment: feedback.comment };
}
