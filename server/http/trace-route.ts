// One span per REST request, named after the route template ("POST /assistants/{assistant_id}/ask"),
// around a route handler: the work the handler does (and the spans it starts) happens inside it.
// It carries the method, the route, the status and the request id the response returns; a 5xx
// marks it failed. A streamed answer (Server-Sent Events) ends it when the stream ends, not when
// the headers go out. The client gets nothing it did not get before (no trace headers).
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type TextMapGetter,
} from "@opentelemetry/api";
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
} from "@opentelemetry/semantic-conventions";
import { recordSpanError } from "../services/observability/tracing";
import { REQUEST_ID_HEADER } from "./request-id";

export const REQUEST_ID_ATTRIBUTE = "hearth.request_id";

const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Under Next.js the framework's own server span is active already (it continued the caller's
 * `traceparent`), and this span is its child. Called without one (tests, another server), this
 * is the server span and continues the caller's trace itself.
 */
function startRequestSpan(name: string, request: Request, attributes: Record<string, string>) {
  const active = context.active();
  const parentSpan = trace.getSpanContext(active);
  const parent = parentSpan ? active : propagation.extract(active, request.headers, headerGetter);
  const kind = parentSpan && !parentSpan.isRemote ? SpanKind.INTERNAL : SpanKind.SERVER;
  const span = trace.getTracer("hearth").startSpan(name, { kind, attributes }, parent);
  return { span, inSpan: trace.setSpan(parent, span) };
}

const isEventStream = (response: Response) =>
  /^text\/event-stream\b/i.test(response.headers.get("content-type") ?? "");

function recordResponse(span: Span, response: Response): void {
  const requestId = response.headers.get(REQUEST_ID_HEADER);
  if (requestId) span.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, response.status);
  if (response.status >= 500) {
    span.setAttribute(ATTR_ERROR_TYPE, String(response.status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
}

/** The same response, whose body ends the span once it is fully sent, failed, or cancelled. */
function endWhenSent(response: Response, body: ReadableStream<Uint8Array>, span: Span): Response {
  const reader = body.getReader();
  let open = true;
  const end = (error?: unknown) => {
    if (!open) return;
    open = false;
    if (error !== undefined) recordSpanError(span, error);
    span.end();
  };
  const relay = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            end();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          end(error);
          controller.error(error);
        }
      },
      async cancel(reason) {
        // The client went away mid-stream: not a failure of ours.
        span.setAttribute("hearth.stream.cancelled", true);
        end();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(relay, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

export function traceRoute<C>(
  route: { method: string; path: string },
  handler: RouteHandler<C>,
): RouteHandler<C> {
  const method = route.method.toUpperCase();
  const name = `${method} ${route.path}`;
  return async (request, routeContext) => {
    const incomingId = request.headers.get(REQUEST_ID_HEADER);
    const { span, inSpan } = startRequestSpan(name, request, {
      [ATTR_HTTP_REQUEST_METHOD]: method,
      [ATTR_HTTP_ROUTE]: route.path,
      ...(incomingId ? { [REQUEST_ID_ATTRIBUTE]: incomingId } : {}),
    });
    let response: Response;
    try {
      response = await context.with(inSpan, () => handler(request, routeContext));
    } catch (error) {
      recordSpanError(span, error);
      span.end();
      throw error;
    }
    recordResponse(span, response);
    const body = response.body;
    if (!span.isRecording() || !body || !isEventStream(response)) {
      span.end();
      return response;
    }
    return endWhenSent(response, body, span);
  };
}
