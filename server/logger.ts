// Structured logs (pino, JSON lines on stdout). Every line about a request carries its request id,
// the same one the response's x-request-id header returns.
import pino from "pino";
import { env } from "./env";

export const logger = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  base: { service: "hearth" },
  redact: ["req.headers.authorization", "req.headers.cookie"],
});
