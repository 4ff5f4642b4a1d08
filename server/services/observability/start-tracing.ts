// Registers the OpenTelemetry SDK when traces are wanted (OTEL_EXPORTER_OTLP_ENDPOINT set): a
// tracer provider that batches spans to an OTLP/HTTP exporter (protobuf by default, JSON on
// request), W3C trace-context propagation, and an AsyncLocalStorage context manager. The SDK
// modules are imported only then: with the variable unset nothing is loaded and the API's no-op
// tracer stays in place. instrumentation.ts calls this once per server process, before anything
// else; the rest of the code traces through tracing.ts (the API only).
import { context, propagation, trace } from "@opentelemetry/api";
import packageJson from "../../../package.json" with { type: "json" };
import type { Env } from "../../env";

export type TracingEnv = Pick<
  Env,
  | "OTEL_EXPORTER_OTLP_ENDPOINT"
  | "OTEL_EXPORTER_OTLP_HEADERS"
  | "OTEL_EXPORTER_OTLP_PROTOCOL"
  | "OTEL_SERVICE_NAME"
>;

export interface Tracing {
  /** Exports every span ended so far. */
  forceFlush(): Promise<void>;
  /** Exports what is left and stops exporting. */
  shutdown(): Promise<void>;
}

/** How long the last export may hold up the process exit. */
const EXIT_FLUSH_TIMEOUT_MS = 5_000;

const state = globalThis as unknown as { hearthTracing?: Promise<Tracing> };

/** OTLP's rule for the all-signals endpoint: traces go to `<endpoint>/v1/traces`. */
export function tracesUrl(endpoint: string): string {
  return new URL("v1/traces", endpoint.endsWith("/") ? endpoint : `${endpoint}/`).toString();
}

/**
 * Starts exporting traces, once per process (Next.js may load this module more than once), and
 * exports the last spans when `exiting` stops on a signal; null when OTEL_EXPORTER_OTLP_ENDPOINT
 * is unset.
 */
export async function startTracing(
  env: TracingEnv,
  exiting: ExitingProcess | null = process,
): Promise<Tracing | null> {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  state.hearthTracing ??= registerProvider(env, endpoint).then((tracing) => {
    if (exiting) flushBeforeExit(tracing, exiting);
    return tracing;
  });
  return state.hearthTracing;
}

/** Stops exporting (after a last export) and puts the API's no-op tracer back. */
export async function stopTracing(): Promise<void> {
  const tracing = await state.hearthTracing;
  state.hearthTracing = undefined;
  await tracing?.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}

async function registerProvider(env: TracingEnv, endpoint: string): Promise<Tracing> {
  const [{ NodeTracerProvider, BatchSpanProcessor }, { resourceFromAttributes }, semconv, otlp] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/semantic-conventions"),
      env.OTEL_EXPORTER_OTLP_PROTOCOL === "http/json"
        ? import("@opentelemetry/exporter-trace-otlp-http")
        : import("@opentelemetry/exporter-trace-otlp-proto"),
    ]);
  const exporter = new otlp.OTLPTraceExporter({
    url: tracesUrl(endpoint),
    headers: env.OTEL_EXPORTER_OTLP_HEADERS ?? {},
  });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [semconv.ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME,
      [semconv.ATTR_SERVICE_VERSION]: packageJson.version,
    }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  return provider;
}

/** The part of `process` that shutdown uses (a stand-in in tests). */
export interface ExitingProcess {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  listenerCount(signal: NodeJS.Signals): number;
  exit(code?: number): unknown;
}

/**
 * Exports the last spans before the process exits after SIGTERM or SIGINT. The replica's drain
 * (system/graceful-shutdown.ts) answers those signals by letting running answers finish and then
 * calling process.exit, and the spans of those answers end during the drain: so the provider is
 * shut down (which exports them) when the process is about to exit, not when the signal arrives. Without another
 * listener for the signal (nothing else will exit), this exits once the spans are out.
 */
export function flushBeforeExit(tracing: Pick<Tracing, "shutdown">, proc: ExitingProcess = process): void {
  let flushing: Promise<void> | null = null;
  const flush = () => {
    flushing ??= Promise.race([
      tracing.shutdown(),
      new Promise<void>((resolve) => setTimeout(resolve, EXIT_FLUSH_TIMEOUT_MS).unref()),
    ]).catch(() => undefined);
    return flushing;
  };
  const onSignal = (signal: NodeJS.Signals) => () => {
    const exit = proc.exit.bind(proc);
    proc.exit = (code?: number) => void flush().then(() => exit(code));
    if (proc.listenerCount(signal) === 0) proc.exit(signal === "SIGINT" ? 130 : 143);
  };
  proc.once("SIGTERM", onSignal("SIGTERM"));
  proc.once("SIGINT", onSignal("SIGINT"));
}
