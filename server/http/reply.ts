// What a route's `run` may return besides a JSON value (handle.ts): Server-Sent Events, or a text
// body (the metrics page, a file offered as a download). Each is the way to write its response
// once the edge knows the request and its id; a brand tells them from a JSON value, which never
// has a symbol key, so the JSON path costs one property check.
import { REQUEST_ID_HEADER } from "./request-id";
import { sseResponse } from "./sse-response";

const REPLY = Symbol("hearth.reply");

export interface Reply {
  readonly [REPLY]: (request: Request, requestId: string) => Response;
}

export const isReply = (value: unknown): value is Reply =>
  typeof value === "object" && value !== null && REPLY in value;

/** Writes a reply for a request (handle.ts, once the run has returned it). */
export const writeReply = (reply: Reply, request: Request, requestId: string): Response =>
  reply[REPLY](request, requestId);

/**
 * Server-Sent Events: each item `produce` yields, as the SSE text `encode` makes of it (one or more
 * frames, or "" for none), written as it comes (sse-response.ts). `produce` gets a signal that
 * fires when the client goes away.
 */
export function sse<T>(
  produce: (signal: AbortSignal) => AsyncIterable<T>,
  encode: (item: T) => string,
): Reply {
  return { [REPLY]: (request, requestId) => sseResponse(request, requestId, produce, encode) };
}

export interface TextBody {
  /** The text, whole or in pieces read only as fast as the client takes them. */
  body: string | AsyncIterable<string>;
  contentType: string;
  /** Offered as a download under this name (Content-Disposition: attachment). */
  filename?: string;
}

/** A text body that is not JSON (Prometheus text, CSV, Markdown, an export); never cached. */
export function text({ body, contentType, filename }: TextBody): Reply {
  return {
    [REPLY]: (_request, requestId) =>
      new Response(typeof body === "string" ? body : streamOf(body), {
        headers: {
          "content-type": contentType,
          ...(filename ? { "content-disposition": `attachment; filename="${filename}"` } : {}),
          "cache-control": "no-store",
          [REQUEST_ID_HEADER]: requestId,
        },
      }),
  };
}

/** Pieces of text as the bytes of a response body, read only as fast as the client takes them. */
function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
