// Every endpoint's contract: the REST API's, in the order the OpenAPI document lists them, and the
// widget's, which go through the same edge but are not documented (widget.ts).
import * as alerts from "./alerts";
import * as apiKeys from "./api-keys";
import * as assistants from "./assistants";
import * as audit from "./audit";
import * as backends from "./backends";
import * as conversations from "./conversations";
import * as knowledge from "./knowledge";
import * as loadtests from "./loadtests";
import * as observability from "./observability";
import * as openai from "./openai";
import * as runtime from "./runtime";
import * as sessionData from "./session-data";
import * as system from "./system";
import * as usage from "./usage";
import * as widget from "./widget";
import * as widgetStatus from "./widget-status";

export const allEndpoints = [
  ...Object.values(system),
  ...Object.values(observability),
  ...Object.values(assistants),
  ...Object.values(apiKeys),
  ...Object.values(backends),
  ...Object.values(loadtests),
  ...Object.values(audit),
  ...Object.values(usage),
  ...Object.values(alerts),
  ...Object.values(openai),
  ...Object.values(runtime),
  ...Object.values(sessionData),
  ...Object.values(conversations),
  ...Object.values(knowledge),
  ...Object.values(widgetStatus),
];

/** The embed iframe's endpoints: served like the others, left out of the document. */
export const widgetEndpoints = Object.values(widget);

/** Every endpoint a route serves through handle(): the document's and the widget's. */
export const servedEndpoints = [...allEndpoints, ...widgetEndpoints];
