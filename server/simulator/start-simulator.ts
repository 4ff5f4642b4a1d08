// The vLLM simulator: a standalone OpenAI-compatible HTTP server that behaves like vLLM serving
// GPT-OSS (same endpoints, reasoning fields, metrics names and error bodies) with a latency and
// batching model and fault injection instead of a GPU. Tests, benchmarks and the SLA load test
// start it in-process with startSimulator(); `npm run simulator` runs it as a process. It is a
// test double and says so: every response carries `x-simulator`, every model is owned by it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleChatCompletions } from "./chat-completions";
import { SIMULATOR_NAME, type RequestCounters, type RequestScope, type SimulatorContext } from "./context";
import { handleEmbeddings } from "./embeddings";
import { FaultInjector, faultsPatchSchema, type FaultKind, type Faults, type FaultsPatch } from "./faults";
import { parseBody, readJson, sendError, sendJson, SimulatorHttpError } from "./http-util";
import { SimulatorMetrics } from "./metrics";
import { listModels } from "./models";
import { resolveOptions, type SimulatorConfig, type SimulatorOptions } from "./options";
import { Scheduler } from "./scheduler";

export interface SimulatorStats extends RequestCounters {
  running: number;
  waiting: number;
  kvCacheUsage: number;
  promptTokens: number;
  generationTokens: number;
  faultsFired: Record<FaultKind, number>;
}

export interface SimulatorHandle {
  /** Origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** `${url}/v1`, the base URL for OpenAI clients. */
  baseUrl: string;
  port: number;
  config: SimulatorConfig;
  stats(): SimulatorStats;
  /** Merges a patch into the active faults (`null` removes one) and returns them. */
  setFaults(patch: FaultsPatch): Faults;
  clearFaults(): void;
  /** Aborts requests in flight, closes every connection, and stops listening. */
  stop(): Promise<void>;
}

type Handler = (ctx: SimulatorContext, scope: RequestScope) => Promise<void> | void;

const VERSION = `0.0.0+${SIMULATOR_NAME}`;

function statsOf(ctx: SimulatorContext): SimulatorStats {
  return {
    ...ctx.counters,
    running: ctx.scheduler.runningCount,
    waiting: ctx.scheduler.waitingCount,
    kvCacheUsage: ctx.scheduler.kvCacheUsage,
    promptTokens: ctx.metrics.promptTokens,
    generationTokens: ctx.metrics.generationTokens,
    faultsFired: ctx.faults.firedCounts(),
  };
}

function routes(startedAt: number): Record<string, Partial<Record<string, Handler>>> {
  return {
    "/health": {
      GET: (ctx, { res }) => {
        res.writeHead(ctx.faults.healthDown ? 503 : 200, { "content-length": 0 });
        res.end();
      },
    },
    "/version": { GET: (_ctx, { res }) => sendJson(res, 200, { version: VERSION }) },
    "/v1/models": { GET: (ctx, { res }) => sendJson(res, 200, listModels(ctx.config, startedAt)) },
    "/metrics": {
      GET: (ctx, { res }) => {
        const gauges = {
          running: ctx.scheduler.runningCount,
          waiting: ctx.scheduler.waitingCount,
          kvCacheUsage: ctx.scheduler.kvCacheUsage,
        };
        res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
        res.end(ctx.metrics.render(gauges));
      },
    },
    "/v1/chat/completions": { POST: handleChatCompletions },
    "/v1/embeddings": { POST: handleEmbeddings },
    "/sim/stats": { GET: (ctx, { res }) => sendJson(res, 200, statsOf(ctx)) },
    "/sim/faults": {
      GET: (ctx, { res }) => sendJson(res, 200, ctx.faults.current()),
      POST: async (ctx, { req, res }) => {
        const patch = parseBody(faultsPatchSchema, await readJson(req));
        sendJson(res, 200, ctx.faults.update(patch));
      },
      DELETE: (ctx, { res }) => {
        ctx.faults.clear();
        sendJson(res, 200, ctx.faults.current());
      },
    },
  };
}

function scopeOf(ctx: SimulatorContext, req: IncomingMessage, res: ServerResponse): RequestScope {
  const client = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) client.abort(new DOMException("The client disconnected", "AbortError"));
  });
  return { req, res, signal: AbortSignal.any([client.signal, ctx.shutdown]), arrivedAt: performance.now() };
}

async function dispatch(ctx: SimulatorContext, table: ReturnType<typeof routes>, scope: RequestScope) {
  const { req, res } = scope;
  res.setHeader("x-simulator", SIMULATOR_NAME);
  const path = new URL(req.url ?? "/", "http://simulator").pathname;
  const methods = table[path];
  const handler = methods?.[req.method ?? "GET"];
  if (!methods) return sendJson(res, 404, { detail: "Not Found" });
  if (!handler) return sendJson(res, 405, { detail: "Method Not Allowed" });
  try {
    await handler(ctx, scope);
  } catch (error) {
    // Mid-stream there is no status left to send: end the connection rather than leave it hanging.
    if (res.headersSent || res.destroyed || scope.signal.aborted) return void res.destroy();
    if (error instanceof SimulatorHttpError) return sendError(res, error);
    console.error(`${SIMULATOR_NAME}: ${req.method} ${path} failed`, error);
    sendError(res, new SimulatorHttpError(500, "Internal simulator error"));
  }
}

function originOf(host: string, port: number): string {
  if (host === "0.0.0.0" || host === "::") return `http://127.0.0.1:${port}`;
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const config = resolveOptions(options);
  const shutdown = new AbortController();
  const ctx: SimulatorContext = {
    config,
    scheduler: new Scheduler(config),
    faults: new FaultInjector(config.faults),
    metrics: new SimulatorMetrics(config.models[0] ?? SIMULATOR_NAME),
    counters: { requests: 0, completed: 0, aborted: 0, failed: 0, rejected: 0, inFlight: 0, peakInFlight: 0 },
    reasoningPattern: new RegExp(config.reasoningModels, "i"),
    shutdown: shutdown.signal,
  };
  const table = routes(Math.floor(Date.now() / 1000));
  const server = createServer((req, res) => void dispatch(ctx, table, scopeOf(ctx, req, res)));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = originOf(config.host, port);
  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    config,
    stats: () => statsOf(ctx),
    setFaults: (patch) => ctx.faults.update(patch),
    clearFaults: () => ctx.faults.clear(),
    stop: async () => {
      shutdown.abort(new DOMException("The simulator stopped", "AbortError"));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
