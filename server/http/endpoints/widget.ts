// The embed iframe's own endpoints. They go through the same edge as the REST API (handle.ts) but
// are not part of it: the caller is a visitor on an allowed site, with a short-lived widget token
// from Hearth's own page, not an integration. So they stay out of the OpenAPI document (index.ts)
// and are listed, with their guard, in server/security/authorization-rules.ts's undocumentedRoutes.
import { assistantIdParamsSchema } from "../../schemas/assistant";
import { widgetFeedbackInputSchema, widgetFeedbackResponseSchema } from "../../schemas/feedback";
import {
  visitorEventSchema,
  widgetSessionInputSchema,
  widgetSessionResponseSchema,
  widgetStreamInputSchema,
} from "../../schemas/widget";
import { defineEndpoint } from "../endpoint";

const tag = "Widget";
const refusals = [
  "UNAUTHORIZED",
  "FORBIDDEN",
  "INVALID_INPUT",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
] as const;

export const widgetSessionEndpoint = defineEndpoint({
  method: "post",
  path: "/embed/{assistant_id}/session",
  summary: "Open the iframe's conversation, or resume a kept one, with its transcript",
  tag,
  auth: "widget",
  params: assistantIdParamsSchema,
  body: widgetSessionInputSchema,
  response: widgetSessionResponseSchema,
  errors: [...refusals],
});

export const widgetStreamEndpoint = defineEndpoint({
  method: "post",
  path: "/embed/{assistant_id}/stream",
  summary: "Ask the widget's assistant and stream the answer, in a visitor's terms (Server-Sent Events)",
  tag,
  auth: "widget",
  perQuestion: true,
  params: assistantIdParamsSchema,
  body: widgetStreamInputSchema,
  response: visitorEventSchema,
  contentType: "text/event-stream",
  errors: [...refusals, "UNAVAILABLE"],
});

export const widgetFeedbackEndpoint = defineEndpoint({
  method: "post",
  path: "/embed/{assistant_id}/feedback",
  summary: "Rate an answer of the visitor's own conversation (thumbs up or down, optional comment)",
  tag,
  auth: "widget",
  params: assistantIdParamsSchema,
  body: widgetFeedbackInputSchema,
  response: widgetFeedbackResponseSchema,
  errors: [...refusals],
});
