// Fixtures for the chat runtime's tests: a fast vLLM simulator per file, a backend registered on
// it, an assistant that uses it, readers for the event streams (exchange events and SSE), and a
// scripted OpenAI-compatible server for the shapes other model servers answer with.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { AssistantDto } from "../schemas/assistant";
import type { BackendDto } from "../schemas/backend";
import { system } from "../services/access/actor";
import { createAssistant } from "../services/assistants/create-assistant";
import { createBackend } from "../services/backends/create-backend";
import type { ChatEvent } from "../services/chat/chat-events";
import type { SimulatorOptions } from "../simulator/options";
import { startSimulator, type SimulatorHandle } from "../simulator/start-simulator";

export const SIM_MODEL = "gpt-oss-20b";

/** Fast enough for tests; reasoning lengths differ per effort so tests can tell them apart. */
export const FAST_SIMULATOR: SimulatorOptions = {
  models: [SIM_MODEL],
  ttftMs: 5,
  prefillMsPerToken: 0,
  tokensPerSecond: 2000,
  answerTokens: 20,
  reasoningTokens: { low: 2, medium: 4, high: 6 },
  embeddingMs: 0,
};

/** One simulator for the file, its faults cleared by `beforeEach` callers; `get()` inside tests. */
export function simulatorForFile(options: SimulatorOptions = {}): () => SimulatorHandle {
  let simulator: SimulatorHandle | undefined;
  beforeAll(async () => {
    simulator = await startSimulator({ ...FAST_SIMULATOR, ...options });
  });
  afterAll(async () => {
    await simulator?.stop();
  });
  return () => {
    if (!simulator) throw new Error("The simulator has not started");
    return simulator;
  };
}

export function registerSimulatorBackend(
  simulator: SimulatorHandle,
  overrides: { name?: string; models?: string[]; api_key?: string } = {},
): Promise<BackendDto> {
  return createBackend(system, {
    name: overrides.name ?? "sim",
    kind: "openai_compatible",
    base_url: simulator.baseUrl,
    models: overrides.models ?? [SIM_MODEL],
    ...(overrides.api_key ? { api_key: overrides.api_key } : {}),
  });
}

export function createChatAssistant(
  id: string,
  overrides: { model?: string; instructions?: string; enabled?: boolean } = {},
): Promise<AssistantDto> {
  return createAssistant(system, {
    id,
    model: overrides.model ?? SIM_MODEL,
    instructions: overrides.instructions ?? "Answer briefly.",
    ...(overrides.enabled === undefined ? {} : { enabled: overrides.enabled }),
  });
}

export async function collectEvents(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const collected: ChatEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

export interface SseEvent {
  event: string | null;
  id: string | null;
  data: string;
}

/** Splits an SSE text into events, leaving out comment lines (heartbeats). */
export function parseSse(text: string): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  for (const block of text.split("\n\n")) {
    if (!block.trim()) continue;
    const event: SseEvent = { event: null, id: null, data: "" };
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) comments.push(line.slice(1).trim());
      else if (line.startsWith("event: ")) event.event = line.slice(7);
      else if (line.startsWith("id: ")) event.id = line.slice(4);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (data.length === 0) continue;
    event.data = data.join("\n");
    events.push(event);
  }
  return { events, comments };
}

/** Reads an SSE body until `stop` says so (or the body ends); returns the text read so far. */
export async function readSseUntil(
  body: ReadableStream<Uint8Array>,
  stop: (text: string) => boolean = () => false,
): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array>; ended: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text, reader, ended: true };
    text += decoder.decode(value, { stream: true });
    if (stop(text)) return { text, reader, ended: false };
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface FakeOpenAiServer {
  baseUrl: string;
  /** What each chat request carried. */
  requests: { headers: IncomingMessage["headers"]; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/**
 * A model server that answers every request with the same stream: the given chunks as SSE, then
 * `[DONE]` unless `done: false` (a stream that just stops).
 */
export async function fakeOpenAiServer(
  chunks: unknown[],
  options: { done?: boolean } = {},
): Promise<FakeOpenAiServer> {
  const requests: FakeOpenAiServer["requests"] = [];
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (data: Buffer) => (raw += data.toString("utf8")));
    req.on("end", () => {
      requests.push({ headers: req.headers, body: JSON.parse(raw || "{}") as Record<string, unknown> });
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      if (options.done !== false) res.write("data: [DONE]\n\n");
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One chat.completion.chunk with a single choice. */
export function fakeChunk(
  delta: Record<string, unknown>,
  finishReason: string | null = null,
  extra: object = {},
) {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 1_700_000_000,
    model: "fake",
    choices: [{ index: 0, delta, finish_reason: finishReason }],
    ...extra,
  };
}
