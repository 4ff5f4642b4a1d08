import { z } from "zod";
import { capacityQuerySchema, capacitySchema } from "../../schemas/capacity";
import { telemetrySchema, telemetrySeriesQuerySchema, telemetrySeriesSchema } from "../../schemas/telemetry";
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

export const telemetryEndpoint = defineEndpoint({
  method: "get",
  path: "/telemetry",
  summary: "Answers per assistant and per backend over the last minute, 15 minutes and hour",
  description:
    "Requests, error rate and errors by class, average / p50 / p90 / p95 / p99 response time and time to first " +
    "token, tokens per second, throughput per minute and SLA compliance, computed from the stored answers (the " +
    "same on every replica), plus each backend's generations in flight on this replica. Needs an admin key or a " +
    "console session.",
  tag: "Observability",
  auth: "admin",
  response: telemetrySchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN"],
});

export const capacityEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/capacity",
  summary: "Capacity planner: concurrent users within each assistant's SLA",
  description:
    "Per enabled assistant and per backend of its model, the largest number of concurrent users (one question in " +
    "flight each) whose answers are predicted to meet the assistant's SLA, as configured and with its whole " +
    "degradation ladder applied; with `users`, the backends needed for that many; and the latest completed load " +
    "test's measured figure. Predictions come from the completion model this replica learned from recent answers " +
    "(see docs/sla-control.md); `learned: false` marks a backend predicted from the defaults.",
  tag: "Observability",
  auth: "admin",
  query: capacityQuerySchema,
  response: capacitySchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "INVALID_INPUT"],
});

export const telemetrySeriesEndpoint = defineEndpoint({
  method: "get",
  path: "/admin/telemetry/series",
  summary: "Answers over time: the last hour, day, week or month in buckets",
  description:
    "Per bucket of the range (`1h`: 1 minute, `24h`: 15 minutes, `7d`: 1 hour, `30d`: 6 hours, UTC), every " +
    "bucket included: requests by outcome, prompt and completion tokens and error rate, from the usage rollups " +
    "(so they outlive deleted conversations); p50 / p95 response time and time to first token and SLA " +
    "compliance of the stored answers, computed in the database. Optionally for one assistant (with its SLA " +
    "target) or one backend. The last bucket is the current one: poll with `since` set to its `start` to " +
    "refresh it. Needs an admin key or a console session, as `GET /telemetry`.",
  tag: "Observability",
  auth: "admin",
  query: telemetrySeriesQuerySchema,
  response: telemetrySeriesSchema,
  errors: ["UNAUTHORIZED", "FORBIDDEN", "INVALID_INPUT", "NOT_FOUND"],
});
