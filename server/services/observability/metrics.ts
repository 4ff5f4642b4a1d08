// Hearth's Prometheus metrics, one registry per process (kept on globalThis so that Next's module
// instances share it). Labels are of low cardinality only: route templates (never raw paths),
// assistant ids (operator-made, tens not millions), models, backends, outcomes and error codes.
// Services record through the small functions below; GET /metrics renders the registry.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const TTFT_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];
const RATE_BUCKETS = [1, 5, 10, 20, 40, 60, 100, 150, 250, 500, 1000];

const BACKEND_STATES = ["healthy", "degraded", "draining", "down"] as const;

/**
 * How often the event-loop delay histogram samples, in ms. prom-client's 10 ms default wakes the
 * loop 100 times a second, which alone cost an idle server 2.5-4 ms of CPU per second; at 100 ms
 * the percentiles still come from 150 samples per 15 s scrape, and a stall still shows in full.
 */
const EVENT_LOOP_SAMPLE_MS = 100;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({
    register: registry,
    prefix: "hearth_",
    eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS,
  });
  const metric = <T>(make: (registers: Registry[]) => T) => make([registry]);
  return {
    registry,
    httpRequests: metric(
      (registers) =>
        new Counter({
          name: "hearth_http_requests_total",
          help: "REST requests answered, by route template, method and status",
          labelNames: ["route", "method", "status"] as const,
          registers,
        }),
    ),
    httpDuration: metric(
      (registers) =>
        new Histogram({
          name: "hearth_http_request_duration_seconds",
          help: "Time to the response head (a stream's head comes before its body)",
          labelNames: ["route", "method"] as const,
          buckets: LATENCY_BUCKETS,
          registers,
        }),
    ),
    exchanges: metric(
      (registers) =>
        new Counter({
          name: "hearth_chat_exchanges_total",
          help: "Questions answered, by assistant, outcome (completed, failed, cancelled) and error code",
          labelNames: ["assistant", "outcome", "error_code"] as const,
          registers,
        }),
    ),
    exchangeDuration: metric(
      (registers) =>
        new Histogram({
          name: "hearth_chat_response_seconds",
          help: "Whole answer time, from the request to the last token, by assistant",
          labelNames: ["assistant"] as const,
          buckets: LATENCY_BUCKETS,
          registers,
        }),
    ),
    ttft: metric(
      (registers) =>
        new Histogram({
          name: "hearth_chat_time_to_first_token_seconds",
          help: "From the request to the first token (reasoning or answer), by assistant and model",
          labelNames: ["assistant", "model"] as const,
          buckets: TTFT_BUCKETS,
          registers,
        }),
    ),
    queue: metric(
      (registers) =>
        new Histogram({
          name: "hearth_chat_queue_seconds",
          help: "From the request until a model backend took it, by assistant",
          labelNames: ["assistant"] as const,
          buckets: TTFT_BUCKETS,
          registers,
        }),
    ),
    outputTokens: metric(
      (registers) =>
        new Counter({
          name: "hearth_chat_output_tokens_total",
          help: "Tokens generated (reasoning and answer), by assistant and model",
          labelNames: ["assistant", "model"] as const,
          registers,
        }),
    ),
    tokensPerSecond: metric(
      (registers) =>
        new Histogram({
          name: "hearth_chat_output_tokens_per_second",
          help: "Decode speed of an answer after its first token, by model",
          labelNames: ["model"] as const,
          buckets: RATE_BUCKETS,
          registers,
        }),
    ),
    ragDecisions: metric(
      (registers) =>
        new Counter({
          name: "hearth_rag_decisions_total",
          help: "Knowledge decisions (injected, forwarded, refused, tool), by assistant",
          labelNames: ["assistant", "decision"] as const,
          registers,
        }),
    ),
    toolCalls: metric(
      (registers) =>
        new Counter({
          name: "hearth_tool_calls_total",
          help: "Calls of assistants' own tools run by Hearth, by assistant, tool kind (knowledge, http, mcp) and outcome (ok, error)",
          labelNames: ["assistant", "kind", "outcome"] as const,
          registers,
        }),
    ),
    toolCallDuration: metric(
      (registers) =>
        new Histogram({
          name: "hearth_tool_call_duration_seconds",
          help: "How long a call of an assistant's own tool took, by tool kind",
          labelNames: ["kind"] as const,
          buckets: LATENCY_BUCKETS,
          registers,
        }),
    ),
    slaBreaches: metric(
      (registers) =>
        new Counter({
          name: "hearth_sla_breaches_total",
          help: "Answers slower than their assistant's SLA target (sla.avg_ms), by assistant",
          labelNames: ["assistant"] as const,
          registers,
        }),
    ),
    slaDegradations: metric(
      (registers) =>
        new Counter({
          name: "hearth_sla_degradations_total",
          help: "Answers SLA control degraded, by assistant and ladder step (each step applied counts once)",
          labelNames: ["assistant", "step"] as const,
          registers,
        }),
    ),
    slaShed: metric(
      (registers) =>
        new Counter({
          name: "hearth_sla_shed_total",
          help: "Questions SLA control refused (429) because no answer was predicted to meet the SLA, by assistant",
          labelNames: ["assistant"] as const,
          registers,
        }),
    ),
    slaPredictionError: metric(
      (registers) =>
        new Histogram({
          name: "hearth_sla_prediction_error_seconds",
          help: "How far the predicted completion time was from the actual one (absolute), by assistant",
          labelNames: ["assistant"] as const,
          buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64],
          registers,
        }),
    ),
    backendInFlight: metric(
      (registers) =>
        new Gauge({
          name: "hearth_backend_outstanding_requests",
          help: "Requests holding a slot on each model backend (this replica)",
          labelNames: ["backend"] as const,
          registers,
          collect() {
            this.reset();
            for (const backend of gatewayLoad().backends)
              this.set({ backend: backend.name }, backend.outstanding);
          },
        }),
    ),
    backendCapacity: metric(
      (registers) =>
        new Gauge({
          name: "hearth_backend_capacity",
          help: "Concurrent requests each backend takes (its max_concurrency)",
          labelNames: ["backend"] as const,
          registers,
          collect() {
            this.reset();
            for (const backend of gatewayLoad().backends)
              this.set({ backend: backend.name }, backend.capacity);
          },
        }),
    ),
    backendState: metric(
      (registers) =>
        new Gauge({
          name: "hearth_backend_state",
          help: "1 for each backend's current state (healthy, degraded, draining, down), 0 for the others",
          labelNames: ["backend", "state"] as const,
          registers,
          collect() {
            this.reset();
            for (const backend of gatewayLoad().backends) {
              for (const state of BACKEND_STATES) {
                this.set({ backend: backend.name, state }, state === backend.state ? 1 : 0);
              }
            }
          },
        }),
    ),
    queueDepth: metric(
      (registers) =>
        new Gauge({
          name: "hearth_gateway_queue_depth",
          help: "Requests waiting for a free backend, by model",
          labelNames: ["model"] as const,
          registers,
          collect() {
            this.reset();
            for (const [model, depth] of Object.entries(gatewayLoad().queues)) this.set({ model }, depth);
          },
        }),
    ),
    admissionRejections: metric(
      (registers) =>
        new Counter({
          name: "hearth_gateway_rejections_total",
          help: "Requests refused by admission control, by model and reason (queue_full, queue_timeout, rate_limited, no_backend)",
          labelNames: ["model", "reason"] as const,
          registers,
        }),
    ),
    failovers: metric(
      (registers) =>
        new Counter({
          name: "hearth_gateway_failovers_total",
          help: "Requests retried on another backend after a failure before their first token, by the backend that failed",
          labelNames: ["backend", "error"] as const,
          registers,
        }),
    ),
    ingestionJobs: metric(
      (registers) =>
        new Counter({
          name: "hearth_ingestion_jobs_total",
          help: "Knowledge ingestion jobs ended, by outcome (completed, failed, retried)",
          labelNames: ["outcome"] as const,
          registers,
        }),
    ),
    ingestedChunks: metric(
      (registers) =>
        new Counter({
          name: "hearth_ingested_chunks_total",
          help: "Chunks embedded and indexed by ingestion",
          registers,
        }),
    ),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as unknown as {
  hearthMetrics?: Metrics;
  gatewayLoad?: () => GatewayLoad;
};

export function getMetrics(): Metrics {
  globalForMetrics.hearthMetrics ??= createMetrics();
  return globalForMetrics.hearthMetrics;
}

export function observeHttpRequest(route: string, method: string, status: number, seconds: number): void {
  const metrics = getMetrics();
  const labels = { route, method: method.toUpperCase() };
  metrics.httpRequests.inc({ ...labels, status: String(status) });
  metrics.httpDuration.observe(labels, seconds);
}

export interface ExchangeObservation {
  assistant: string;
  model: string;
  outcome: "completed" | "failed" | "cancelled";
  errorCode: string | null;
  ragDecision: string;
  queueMs: number;
  ttftMs: number | null;
  totalMs: number;
  completionTokens: number | null;
  slaAvgMs: number;
  /** Under SLA control: the prediction the answer was admitted on and the ladder steps applied. */
  sla: { predictedMs: number; steps: readonly string[] } | null;
}

export function observeExchange(exchange: ExchangeObservation): void {
  const metrics = getMetrics();
  const { assistant, model } = exchange;
  metrics.exchanges.inc({ assistant, outcome: exchange.outcome, error_code: exchange.errorCode ?? "" });
  metrics.ragDecisions.inc({ assistant, decision: exchange.ragDecision });
  if (exchange.outcome !== "completed") return;
  metrics.exchangeDuration.observe({ assistant }, exchange.totalMs / 1000);
  metrics.queue.observe({ assistant }, exchange.queueMs / 1000);
  if (exchange.ttftMs !== null) metrics.ttft.observe({ assistant, model }, exchange.ttftMs / 1000);
  if (exchange.totalMs > exchange.slaAvgMs) metrics.slaBreaches.inc({ assistant });
  if (exchange.sla) {
    for (const step of exchange.sla.steps) metrics.slaDegradations.inc({ assistant, step });
    metrics.slaPredictionError.observe(
      { assistant },
      Math.abs(exchange.totalMs - exchange.sla.predictedMs) / 1000,
    );
  }
  const tokens = exchange.completionTokens ?? 0;
  if (tokens > 0) metrics.outputTokens.inc({ assistant, model }, tokens);
  const decodeMs = exchange.totalMs - (exchange.ttftMs ?? exchange.totalMs);
  if (tokens > 1 && decodeMs > 0)
    metrics.tokensPerSecond.observe({ model }, (tokens - 1) / (decodeMs / 1000));
}

export interface GatewayLoad {
  backends: Array<{ name: string; state: string; outstanding: number; capacity: number }>;
  queues: Record<string, number>;
}

/** Where the gateway gauges read from at scrape time (so the request path does no metrics work). */
export function setGatewayLoadSource(source: () => GatewayLoad): void {
  globalForMetrics.gatewayLoad = source;
}

function gatewayLoad(): GatewayLoad {
  return globalForMetrics.gatewayLoad?.() ?? { backends: [], queues: {} };
}

export function observeRejection(model: string, reason: string): void {
  getMetrics().admissionRejections.inc({ model, reason });
}

export function observeSlaShed(assistant: string): void {
  getMetrics().slaShed.inc({ assistant });
}

export function observeFailover(backend: string, error: string): void {
  getMetrics().failovers.inc({ backend, error });
}

export function observeToolCall(assistant: string, kind: string, ok: boolean, durationMs: number): void {
  const metrics = getMetrics();
  metrics.toolCalls.inc({ assistant, kind, outcome: ok ? "ok" : "error" });
  metrics.toolCallDuration.observe({ kind }, durationMs / 1000);
}

export function observeIngestion(outcome: "completed" | "failed" | "retried", chunks = 0): void {
  const metrics = getMetrics();
  metrics.ingestionJobs.inc({ outcome });
  if (chunks > 0) metrics.ingestedChunks.inc(chunks);
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = getMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
