// The loader's question before it draws the launcher. Unlike the iframe's own endpoints
// (widget.ts), it is called from the embedding site's page, cross-origin and without credentials,
// so it is public, answers any origin (CORS) and is part of the documented API.
import { assistantIdParamsSchema } from "../../schemas/assistant";
import { widgetStatusSchema } from "../../schemas/widget";
import { defineEndpoint } from "../endpoint";

export const widgetStatusEndpoint = defineEndpoint({
  method: "get",
  path: "/embed/{assistant_id}/status",
  summary: "May the calling page show the assistant's widget, and how it looks",
  description:
    "Called by `/widget.js` from the embedding page before it draws anything. The page's origin is read " +
    "from the browser's `Origin` header (never from the query): `allowed` with the launcher's look and " +
    "labels; `refused` when the origin is not one of the widget's allowed origins (the origin is then listed " +
    "in the console's widget settings, with one-click Allow); `disabled` when the widget or its assistant is " +
    "off (told only to allowed origins). `message` says why, for the site's developer. Answers any origin " +
    "(`Access-Control-Allow-Origin: *`), is never cached, and is rate limited per client address.",
  tag: "Widget",
  auth: "public",
  cors: true,
  params: assistantIdParamsSchema,
  response: widgetStatusSchema,
  errors: ["INVALID_INPUT", "NOT_FOUND", "RATE_LIMITED"],
});
