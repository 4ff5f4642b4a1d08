// Structured logs (pino, JSON lines on stdout). Every line about a request carries its request id,
// the same one the response's x-request-id header returns, and, when traces are exported, the
// trace and span ids of the span it was written in.
import pino from "pino";
import { env } from "./env";
import { activeTraceIds } from "./services/observability/tracing";

export const logger = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  base: { service: "hearth" },
  redact: ["req.headers.authorization", "req.headers.cookie"],
  mixin: activeTraceIds,
});
