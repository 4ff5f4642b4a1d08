import { z } from "zod";
import { defineEndpoint } from "../endpoint";

export const metricsEndpoint = defineEndpoint({
  method: "get",
  path: "/metrics",
  summary: "Prometheus metrics",
  description:
    "Prometheus text format: REST requests and latency by route and status; answers by assistant and outcome; " +
    "time to first token, queue time, response time, output tokens and tokens per second; RAG decisions; SLA " +
    "breaches; generations in flight per backend; ingestion; process metrics. Public unless HEARTH_METRICS_TOKEN " +
    "is set, then `Authorization: Bearer <token>`.",
  tag: "Observability",
  auth: "public",
  response: z.string().meta({ description: "Prometheus text exposition format 0.0.4" }),
  contentType: "text/plain; version=0.0.4",
  errors: ["UNAUTHORIZED"],
});
