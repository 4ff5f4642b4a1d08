// Helpers for the simulator's own tests: a fast simulator per test file and an SSE reader that
// tells a clean end ([DONE]) from a cut one.
import { afterAll, beforeAll } from "vitest";
import type { SimulatorOptions } from "./options";
import { startSimulator, type SimulatorHandle } from "./start-simulator";

/** Latency small enough for tests, shapes unchanged. */
export const FAST: SimulatorOptions = {
  ttftMs: 5,
  prefillMsPerToken: 0,
  tokensPerSecond: 2000,
  embeddingMs: 0,
};

/** Starts a simulator for the file; `get()` returns it inside tests. */
export function simulatorPerFile(options: SimulatorOptions = {}): () => SimulatorHandle {
  let simulator: SimulatorHandle | undefined;
  beforeAll(async () => {
    simulator = await startSimulator({ ...FAST, ...options });
  });
  afterAll(async () => {
    await simulator?.stop();
  });
  return () => {
    if (!simulator) throw new Error("The simulator has not started");
    return simulator;
  };
}

export function postJson(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    ...init,
  });
}

export interface SseResult {
  events: Array<Record<string, unknown>>;
  done: boolean;
  error?: unknown;
}

/** Reads an SSE body to its end; a stream that breaks returns what came plus the error. */
export async function readSse(response: Response): Promise<SseResult> {
  const result: SseResult = { events: [], done: false };
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(bytes, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const data = buffer.slice(0, end).replace(/^data: /, "");
        buffer = buffer.slice(end + 2);
        if (data === "[DONE]") result.done = true;
        else result.events.push(JSON.parse(data) as Record<string, unknown>);
      }
    }
  } catch (error) {
    result.error = error;
  }
  return result;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const userMessage = (content: string) => [{ role: "user" as const, content }];
