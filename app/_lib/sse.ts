// Reads Server-Sent Events from a fetch response body. EventSource cannot POST a JSON body, so the
// console reads the stream itself; this follows the parts of the SSE format the server uses:
// `event:`, `id:` and (possibly several) `data:` lines, a blank line ending each event, and
// comment lines starting with ':' (the heartbeat), which are skipped.

export type SseMessage = { event: string; data: string; id?: string };

type Pending = { event: string; data: string[]; id?: string };

const empty = (): Pending => ({ event: "", data: [] });

/** Applies one line to the event being collected; returns a finished event on a blank line. */
function readLine(line: string, pending: Pending): SseMessage | "reset" | null {
  if (line === "") {
    if (pending.data.length === 0) return "reset";
    return { event: pending.event || "message", data: pending.data.join("\n"), id: pending.id };
  }
  if (line.startsWith(":")) return null;
  const colon = line.indexOf(":");
  const field = colon === -1 ? line : line.slice(0, colon);
  const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
  if (field === "data") pending.data.push(value);
  else if (field === "event") pending.event = value;
  else if (field === "id") pending.id = value;
  return null;
}

export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let pending = empty();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const raw of lines) {
        const result = readLine(raw.endsWith("\r") ? raw.slice(0, -1) : raw, pending);
        if (result === null) continue;
        pending = empty();
        if (result !== "reset") yield result;
      }
    }
  } finally {
    // Also reached when the consumer stops early: closing the body closes the connection.
    await reader.cancel().catch(() => undefined);
  }
}
