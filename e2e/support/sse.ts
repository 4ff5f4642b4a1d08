// Server-Sent Events as they arrive, for the stream specs. Playwright's request context buffers a
// whole body, so streams are read through Node's fetch instead (which also lets a spec hang up
// mid-stream with an AbortController), and parsed by eventsource-parser. Comment lines
// (`: heartbeat`) are kept, in order among the events, with the time each item was parsed.
import { createParser } from "eventsource-parser";

export type SseItem =
  | { kind: "event"; event: string | undefined; id: string | undefined; data: string; at: number }
  | { kind: "comment"; text: string; at: number };

/** Yields the items of an SSE body as they are parsed; leaving the loop early cancels the body. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseItem> {
  const parsed: SseItem[] = [];
  const parser = createParser({
    onEvent: ({ event, id, data }) => parsed.push({ kind: "event", event, id, data, at: performance.now() }),
    onComment: (text) => parsed.push({ kind: "comment", text: text.trim(), at: performance.now() }),
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      while (parsed.length > 0) yield parsed.shift()!;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** POSTs JSON with Node's fetch, so that the answer can be read while it streams. */
export function postForStream(
  url: string,
  key: string | null,
  body: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
    signal,
  });
}
