// Every REST endpoint's contract, in the order the OpenAPI document lists them.
import * as apiKeys from "./api-keys";
import * as assistants from "./assistants";
import * as audit from "./audit";
import * as backends from "./backends";
import * as knowledge from "./knowledge";
import * as loadtests from "./loadtests";
import * as observability from "./observability";
import * as openai from "./openai";
import * as runtime from "./runtime";
import * as system from "./system";

export const allEndpoints = [
  ...Object.values(system),
  ...Object.values(observability),
  ...Object.values(assistants),
  ...Object.values(apiKeys),
  ...Object.values(backends),
  ...Object.values(loadtests),
  ...Object.values(audit),
  ...Object.values(openai),
  ...Object.values(runtime),
  ...Object.values(knowledge),
];
