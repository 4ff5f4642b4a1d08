// Server-Sent Events without buffering: each item is encoded and enqueued as soon as it is
// produced, a heartbeat comment keeps proxies and clients from timing out (also before the first
// token), and a client that goes away aborts the producer at once (which cancels the upstream
// generation). The encoding is a plain function, not another async generator over the producer:
// on the per-token path every layer of async iteration costs promises and event-loop turns.
import { env } from "../env";
import { logger } from "../logger";
import { REQUEST_ID_HEADER } from "./request-id";

export interface SseFrame {
  event?: string;
  id?: string | number;
  data: string;
}

export function encodeFrame(frame: SseFrame): string {
  let text = "";
  if (frame.id !== undefined) text += `id: ${frame.id}\n`;
  if (frame.event) text += `event: ${frame.event}\n`;
  for (const line of frame.data.split("\n")) text += `data: ${line}\n`;
  return `${text}\n`;
}

export const sseHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
};

/**
 * Streams what `produce` yields, each item as the SSE text `encode` makes of it (one or more
 * frames, or "" for none). `produce` receives an AbortSignal that fires when the client disconnects
 * (or the request is aborted); it must stop and clean up then.
 */
export function sseResponse<T>(
  request: Request,
  requestId: string,
  produce: (signal: AbortSignal) => AsyncIterable<T>,
  encode: (item: T) => string,
): Response {
  const controller = new AbortController();
  const abort = () => controller.abort(new Error("client disconnected"));
  request.signal.addEventListener("abort", abort, { once: true });
  const encoder = new TextEncoder();
  let heartbeat: NodeJS.Timeout | undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(stream) {
      const write = (text: string) => {
        if (text && !controller.signal.aborted) stream.enqueue(encoder.encode(text));
      };
      heartbeat = setInterval(() => write(": heartbeat\n\n"), env.HEARTH_SSE_HEARTBEAT_MS);
      try {
        write(": stream open\n\n");
        for await (const item of produce(controller.signal)) write(encode(item));
      } catch (error) {
        // Producers report their own failures as events; reaching here is a bug. Never end the
        // stream as if it had completed normally.
        logger.error({ err: error, requestId }, "stream producer failed");
        write(
          encodeFrame({
            event: "error",
            data: JSON.stringify({
              type: "error",
              error: { code: "INTERNAL", message: `Internal error; quote request id ${requestId}` },
            }),
          }),
        );
      } finally {
        clearInterval(heartbeat);
        request.signal.removeEventListener("abort", abort);
        // Closing after the client cancelled the body throws; there is nothing left to close then.
        try {
          stream.close();
        } catch {
          // already closed or cancelled
        }
      }
    },
    cancel() {
      clearInterval(heartbeat);
      abort();
    },
  });
  return new Response(body, { status: 200, headers: { ...sseHeaders, [REQUEST_ID_HEADER]: requestId } });
}
