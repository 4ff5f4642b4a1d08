// The widget's thumbs under an answer: only answers of the visitor's own conversation.
import { widgetFeedbackEndpoint } from "@/server/http/endpoints/widget";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { rateWidgetAnswer } from "@/server/services/widget/rate-widget-answer";

export const dynamic = "force-dynamic";

export const POST = handle(widgetFeedbackEndpoint, ({ caller, body, clientAddress }) =>
  rateWidgetAnswer(caller, { ...body, clientAddress }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
