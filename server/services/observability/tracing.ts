// Spans through the OpenTelemetry API only: the rest of Hearth traces through these helpers and
// never imports the SDK (start-tracing.ts registers it when OTEL_EXPORTER_OTLP_ENDPOINT is set).
// Without a registered provider the API hands out no-op spans, so tracing costs next to nothing.
// The active span follows the async call chain, so a span started inside another is its child.
import {
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
  type SpanOptions,
} from "@opentelemetry/api";

export { SpanKind, type Attributes, type Span } from "@opentelemetry/api";

/** Whether traces are exported (start-tracing.ts registered a provider in this process). */
export function tracingEnabled(): boolean {
  return (globalThis as { hearthTracing?: unknown }).hearthTracing !== undefined;
}

/** Resolved at each span: a provider registered after this module loaded is still used. */
const tracer = () => trace.getTracer("hearth");

/** Marks a span failed: the exception as an event, the error status, and `error.type`. */
export function recordSpanError(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  const code = (error as { code?: unknown } | null)?.code;
  span.setAttribute(
    "error.type",
    typeof code === "string" ? code : error instanceof Error ? error.name : "unknown",
  );
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/**
 * Runs `fn` in a new span, child of the active one, and ends it when `fn` settles; a thrown error
 * marks the span failed and is rethrown.
 */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  options: SpanOptions = {},
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { ...options, attributes: { ...options.attributes, ...attributes } },
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        recordSpanError(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Starts a span, child of the active one, without making it active: for a stretch of work that
 * crosses `yield`s (a generation streamed to the caller). End it with `endSpan`.
 */
export function startSpan(name: string, attributes: Attributes = {}, options: SpanOptions = {}): Span {
  return tracer().startSpan(name, { ...options, attributes: { ...options.attributes, ...attributes } });
}

/** Ends a span from `startSpan`, failed when an error is given. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) recordSpanError(span, error);
  span.end();
}

/**
 * Relays an async generator inside a new span: spans started while it runs are children of that
 * span, which ends when the generator finishes, throws, or is closed early by its consumer.
 */
export async function* traceGenerator<T>(
  name: string,
  attributes: Attributes,
  generator: AsyncGenerator<T>,
  options: SpanOptions = {},
): AsyncGenerator<T> {
  const span = startSpan(name, attributes, options);
  const inSpan = trace.setSpan(context.active(), span);
  try {
    for (;;) {
      const step = await context.with(inSpan, () => generator.next());
      if (step.done) return;
      yield step.value;
    }
  } catch (error) {
    recordSpanError(span, error);
    throw error;
  } finally {
    await context.with(inSpan, () => generator.return(undefined));
    span.end();
  }
}

/** The span work is running in (a no-op span when nothing is traced), e.g. to add attributes. */
export function activeSpan(): Span {
  return trace.getSpan(context.active()) ?? trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
}

/** The active span's ids, for log lines (empty when nothing is traced). */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
