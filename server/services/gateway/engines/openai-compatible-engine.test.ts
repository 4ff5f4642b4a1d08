// The OpenAI-compatible engine against the vLLM simulator (every failure mode it can inject) and
// against small fakes that answer the way llama.cpp's server and Ollama do. Timeouts are passed
// as options, short, so the failure tests stay fast.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  fakeOpenAiServer,
  fakeChunk as chunk,
  SIM_MODEL,
  simulatorForFile,
  waitFor,
  type FakeOpenAiServer,
} from "../../../test/chat";
import { addToolCallFragment } from "../../chat/tool-calls";
import { EngineError, type GenerateEvent, type GenerateRequest, type ToolCall } from "./engine";
import { createOpenAiCompatibleEngine, type OpenAiCompatibleOptions } from "./openai-compatible-engine";

const simulator = simulatorForFile();
const engines: { close(): Promise<void> }[] = [];

function engineFor(baseUrl: string, overrides: Partial<OpenAiCompatibleOptions> = {}) {
  const engine = createOpenAiCompatibleEngine({
    baseUrl,
    connectTimeoutMs: 1_000,
    firstTokenTimeoutMs: 2_000,
    idleTimeoutMs: 1_000,
    totalTimeoutMs: 10_000,
    ...overrides,
  });
  engines.push(engine);
  return engine;
}

const simEngine = (overrides: Partial<OpenAiCompatibleOptions> = {}) =>
  engineFor(simulator().baseUrl, overrides);

function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    model: SIM_MODEL,
    messages: [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: "What is Hearth?" },
    ],
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function collect(events: AsyncIterable<GenerateEvent>): Promise<GenerateEvent[]> {
  const collected: GenerateEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

async function failure(
  events: AsyncIterable<GenerateEvent>,
  seen: GenerateEvent[] = [],
): Promise<EngineError> {
  const error = await (async () => {
    for await (const event of events) seen.push(event);
  })().then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

const textOf = (events: GenerateEvent[], type: "reasoning.delta" | "output_text.delta") =>
  events.flatMap((event) => (event.type === type ? [event.text] : [])).join("");

beforeEach(() => simulator().clearFaults());

afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
});

describe("against the vLLM simulator", () => {
  test("streams reasoning apart from the answer, then finish and usage", async () => {
    const events = await collect(simEngine().generate(request()));

    const types = events.map((event) => event.type);
    const firstAnswer = types.indexOf("output_text.delta");
    expect(types.lastIndexOf("reasoning.delta")).toBeLessThan(firstAnswer);
    // Tokens that arrive in one read come as one delta: at most one delta per token.
    expect(types.filter((type) => type === "reasoning.delta").length).toBeLessThanOrEqual(4);
    expect(types.filter((type) => type === "output_text.delta").length).toBeLessThanOrEqual(20);
    expect(textOf(events, "reasoning.delta")).toBe("Simulated reasoning at medium"); // 4 tokens: medium
    expect(textOf(events, "output_text.delta")).toMatch(/^Simulated answer to: What is Hearth\?/);
    expect(events).toContainEqual({ type: "finish", reason: "stop" });
    const usage = events.flatMap((event) => (event.type === "usage" ? [event.usage] : []));
    expect(usage).toHaveLength(1);
    expect(usage[0]?.completion_tokens).toBe(24);
    expect(usage[0]?.prompt_tokens).toBeGreaterThan(0);
    expect(usage[0]?.total_tokens).toBe((usage[0]?.prompt_tokens ?? 0) + 24);
  });

  test("passes reasoning_effort (the simulator reasons longer at high effort)", async () => {
    const engine = simEngine();
    const low = await collect(engine.generate(request({ reasoningEffort: "low" })));
    const high = await collect(engine.generate(request({ reasoningEffort: "high" })));

    // The simulator's reasoning is a word per token: 2 at low effort, 6 at high.
    expect(textOf(low, "reasoning.delta")).toBe("Simulated reasoning");
    expect(textOf(high, "reasoning.delta")).toBe("Simulated reasoning at high effort about:");
  });

  test("passes max tokens: a short budget finishes with `length`", async () => {
    const events = await collect(
      simEngine().generate(request({ maxOutputTokens: 6, temperature: 0.2, topP: 0.9 })),
    );
    expect(events).toContainEqual({ type: "finish", reason: "length" });
    const usage = events.find((event) => event.type === "usage");
    expect(usage?.type === "usage" && usage.usage.completion_tokens).toBe(6);
  });

  // In the cancellation tests the simulator holds the stream after a few tokens, so that the
  // request is still running upstream when it is cancelled (at full speed it would be done).
  test("an abort through the signal is `aborted` and cancels the upstream request", async () => {
    simulator().setFaults({ stall: { afterTokens: 6, durationMs: 3_000, next: 1 } });
    const before = simulator().stats().aborted;
    const controller = new AbortController();
    const seen: GenerateEvent[] = [];
    const events = simEngine().generate(request({ signal: controller.signal }));
    const error = await failure(
      (async function* () {
        for await (const event of events) {
          yield event;
          if (event.type === "output_text.delta") controller.abort();
        }
      })(),
      seen,
    );

    expect(error.kind).toBe("aborted");
    expect(seen.some((event) => event.type === "finish")).toBe(false);
    await waitFor(() => simulator().stats().aborted === before + 1);
  });

  test("a consumer that stops reading early cancels the upstream request", async () => {
    simulator().setFaults({ stall: { afterTokens: 6, durationMs: 3_000, next: 1 } });
    const before = simulator().stats().aborted;
    for await (const event of simEngine().generate(request())) {
      if (event.type === "output_text.delta") break;
    }
    await waitFor(() => simulator().stats().aborted === before + 1);
  });

  test("no first token in time is a `timeout` before the first token", async () => {
    simulator().setFaults({ slowStart: { extraMs: 3_000, next: 1 } });
    const before = simulator().stats().aborted;
    const started = performance.now();

    const error = await failure(simEngine({ firstTokenTimeoutMs: 300 }).generate(request()));

    expect(error.kind).toBe("timeout");
    expect(error.details.afterFirstToken).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
    await waitFor(() => simulator().stats().aborted === before + 1);
  });

  test("a stream that stalls mid-answer is a `timeout` after the first token", async () => {
    simulator().setFaults({ stall: { afterTokens: 6, next: 1 } });
    const seen: GenerateEvent[] = [];

    const error = await failure(simEngine({ idleTimeoutMs: 300 }).generate(request()), seen);

    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/stalled/);
    expect(error.details.afterFirstToken).toBe(true);
    expect(seen.filter((event) => event.type === "output_text.delta").length).toBeGreaterThan(0);
  });

  test("a stream cut mid-answer is `cut` after the first token", async () => {
    simulator().setFaults({ cut: { afterTokens: 8, next: 1 } });
    const seen: GenerateEvent[] = [];

    const error = await failure(simEngine().generate(request()), seen);

    expect(error.kind).toBe("cut");
    expect(error.details.afterFirstToken).toBe(true);
    expect(seen.some((event) => event.type === "finish")).toBe(false);
  });

  test("429 is `rate_limited` with the Retry-After seconds", async () => {
    simulator().setFaults({ rateLimit: { retryAfterSeconds: 7, next: 1 } });
    const error = await failure(simEngine().generate(request()));
    expect(error.kind).toBe("rate_limited");
    expect(error.details).toMatchObject({ status: 429, retryAfterSeconds: 7 });
  });

  test("500 is `upstream`", async () => {
    simulator().setFaults({ error: { status: 500, next: 1 } });
    const error = await failure(simEngine().generate(request()));
    expect(error.kind).toBe("upstream");
    expect(error.details.status).toBe(500);
  });

  test("a request the server refuses (unknown model) is `bad_request`", async () => {
    const error = await failure(simEngine().generate(request({ model: "no-such-model" })));
    expect(error.kind).toBe("bad_request");
    expect(error.details.status).toBe(404);
  });

  test("a connection reset is `connect` or `upstream`", async () => {
    simulator().setFaults({ reset: { next: 1 } });
    const error = await failure(simEngine().generate(request()));
    expect(["connect", "upstream"]).toContain(error.kind);
  });

  test("an unreachable port is `connect`", async () => {
    const port = await freePort();
    const error = await failure(engineFor(`http://127.0.0.1:${port}/v1`).generate(request()));
    expect(error.kind).toBe("connect");
  });

  test("a signal aborted before the call is `aborted` without reaching the server", async () => {
    const before = simulator().stats().requests;
    const error = await failure(simEngine().generate(request({ signal: AbortSignal.abort() })));
    expect(error.kind).toBe("aborted");
    expect(simulator().stats().requests).toBe(before);
  });
});

// ---- Other OpenAI-compatible servers ------------------------------------------------------------

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("against other OpenAI-compatible servers", () => {
  let fake: FakeOpenAiServer | undefined;

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  test("Ollama-like: reasoning in `reasoning`, no usage chunk", async () => {
    fake = await fakeOpenAiServer([
      chunk({ role: "assistant", content: "" }),
      chunk({ role: "assistant", content: "", reasoning: "Thinking " }),
      chunk({ role: "assistant", content: "", reasoning: "hard." }),
      chunk({ role: "assistant", content: "Hello" }),
      chunk({ role: "assistant", content: " there." }),
      chunk({ role: "assistant", content: "" }, "stop"),
    ]);

    const events = await collect(engineFor(fake.baseUrl).generate(request({ model: "gpt-oss:20b" })));

    expect(textOf(events, "reasoning.delta")).toBe("Thinking hard.");
    expect(textOf(events, "output_text.delta")).toBe("Hello there.");
    expect(events.some((event) => event.type === "usage")).toBe(false);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    // What the server was asked for: the model, the messages, a stream with usage.
    expect(fake.requests[0]?.body).toMatchObject({
      model: "gpt-oss:20b",
      stream: true,
      stream_options: { include_usage: true },
      messages: request().messages,
    });
  });

  test("llama.cpp-server-like: `reasoning_content`, usage and timings on the finishing chunk", async () => {
    const usage = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 };
    fake = await fakeOpenAiServer([
      chunk({ role: "assistant", content: null }),
      chunk({ reasoning_content: "Hmm." }),
      chunk({ content: "Hi" }),
      chunk({ content: "!" }),
      chunk({}, "stop", { usage, timings: { prompt_n: 12, predicted_n: 3 } }),
    ]);

    const events = await collect(engineFor(fake.baseUrl).generate(request({ reasoningEffort: "low" })));

    expect(textOf(events, "reasoning.delta")).toBe("Hmm.");
    expect(textOf(events, "output_text.delta")).toBe("Hi!");
    expect(events).toContainEqual({ type: "usage", usage });
    expect(events).toContainEqual({ type: "finish", reason: "stop" });
    expect(fake.requests[0]?.body.reasoning_effort).toBe("low");
  });

  test("OpenAI-like: reasoning tokens counted apart in completion_tokens_details are kept", async () => {
    const usage = {
      prompt_tokens: 9,
      completion_tokens: 30,
      total_tokens: 39,
      completion_tokens_details: { reasoning_tokens: 22 },
    };
    fake = await fakeOpenAiServer([
      chunk({ content: "Hi" }),
      chunk({}, "stop"),
      chunk({}, null, { usage, choices: [] }),
    ]);

    const events = await collect(engineFor(fake.baseUrl).generate(request()));

    expect(events).toContainEqual({
      type: "usage",
      usage: { prompt_tokens: 9, completion_tokens: 30, total_tokens: 39, reasoning_tokens: 22 },
    });
  });

  test("tool calls: the forwarded fields go out as they are; fragments come back per call", async () => {
    const weather = { type: "function", function: { name: "get_weather", parameters: { type: "object" } } };
    fake = await fakeOpenAiServer([
      chunk({ role: "assistant", content: "" }),
      chunk({ reasoning_content: "Need the weather." }),
      chunk({
        tool_calls: [
          {
            index: 0,
            id: "chatcmpl-tool-1",
            type: "function",
            function: { name: "get_weather", arguments: "" },
          },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({
        tool_calls: [{ index: 1, id: "chatcmpl-tool-2", type: "function", function: { name: "get_time" } }],
      }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: "{}" } }] }),
      chunk({}, "tool_calls"),
    ]);
    const forwarded = {
      tools: [weather],
      tool_choice: "auto",
      parallel_tool_calls: true,
      stop: ["END"],
      seed: 7,
    };
    const messages = [
      { role: "user" as const, content: "Weather?" },
      {
        role: "assistant" as const,
        content: "",
        tool_calls: [
          { id: "c0", type: "function" as const, function: { name: "get_weather", arguments: "{}" } },
        ],
      },
      { role: "tool" as const, content: "sunny", tool_call_id: "c0" },
    ];

    const events = await collect(engineFor(fake.baseUrl).generate(request({ messages, forwarded })));

    // Pieces parsed before they are taken merge (per call); folded, they are the calls made.
    const fragments = events.flatMap((event) => (event.type === "tool_call.delta" ? [event] : []));
    expect(fragments[0]).toMatchObject({ index: 0, id: "chatcmpl-tool-1", name: "get_weather" });
    const calls: ToolCall[] = [];
    for (const fragment of fragments) addToolCallFragment(calls, fragment);
    expect(calls).toEqual([
      {
        id: "chatcmpl-tool-1",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Paris"}' },
      },
      { id: "chatcmpl-tool-2", type: "function", function: { name: "get_time", arguments: "{}" } },
    ]);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "tool_calls" });
    expect(fake.requests[0]?.body).toMatchObject({ ...forwarded, messages });
  });

  test("a stream that ends without a finish reason is `cut`", async () => {
    fake = await fakeOpenAiServer(
      [chunk({ role: "assistant", content: "" }), chunk({ content: "Half an" })],
      {
        done: false,
      },
    );
    const error = await failure(engineFor(fake.baseUrl).generate(request()));
    expect(error.kind).toBe("cut");
    expect(error.details.afterFirstToken).toBe(true);
  });

  test("a stream that keeps going past the total timeout is a `timeout`", async () => {
    // A chunk every 20 ms, forever: never idle, never finished.
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const drip = setInterval(
        () => res.write(`data: ${JSON.stringify(chunk({ content: " more" }))}\n\n`),
        20,
      );
      res.on("close", () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const engine = engineFor(`http://127.0.0.1:${port}/v1`, { totalTimeoutMs: 400, idleTimeoutMs: 1_000 });
      const started = performance.now();
      const error = await failure(engine.generate(request()));
      expect(error.kind).toBe("timeout");
      expect(error.message).toMatch(/longer than 400 ms/);
      expect(error.details.afterFirstToken).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("sends the API key as a bearer token", async () => {
    fake = await fakeOpenAiServer([chunk({ content: "ok" }, "stop")]);
    await collect(engineFor(fake.baseUrl, { apiKey: "sk-test-123" }).generate(request()));
    expect(fake.requests[0]?.headers.authorization).toBe("Bearer sk-test-123");
  });
});

// ---- Error bodies and the raw stream ------------------------------------------------------------

/** A one-off server whose handler writes whatever a test needs; closed after the test. */
async function rawServer(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("error bodies and stream edges", () => {
  let raw: Awaited<ReturnType<typeof rawServer>> | undefined;

  afterEach(async () => {
    await raw?.close();
    raw = undefined;
  });

  const answerWith = async (status: number, body: string, headers: Record<string, string> = {}) => {
    raw = await rawServer((_req, res) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body);
    });
    return failure(engineFor(raw.baseUrl).generate(request()));
  };

  // The message is the operator's diagnostic (the log, the stored detail); callers never read it.
  test("a 4xx keeps the upstream's message: OpenAI's (and newer vLLM's) `{error: {message}}`", async () => {
    const error = await failure(simEngine().generate(request({ model: "no-such-model" })));
    expect(error.message).toBe(
      "The model server rejected the request (404): The model `no-such-model` does not exist.",
    );
  });

  test("a 4xx keeps the upstream's message: older vLLM's flat `{object: 'error', message}`", async () => {
    const error = await answerWith(
      400,
      JSON.stringify({
        object: "error",
        message: "max_tokens is too large",
        type: "BadRequestError",
        code: 400,
      }),
    );
    expect(error).toMatchObject({ kind: "bad_request", details: { status: 400 } });
    expect(error.message).toMatch(/\(400\): max_tokens is too large$/);
  });

  test("a 4xx keeps the upstream's message: FastAPI's `{detail}` and a plain-text body", async () => {
    const detail = await answerWith(
      422,
      JSON.stringify({ detail: [{ loc: ["body", "messages"], msg: "Field required" }] }),
    );
    expect(detail.kind).toBe("bad_request");
    expect(detail.message).toMatch(/Field required/);

    await raw?.close();
    const text = await answerWith(401, "Unauthorized");
    expect(text).toMatchObject({ kind: "bad_request", details: { status: 401 } });
    expect(text.message).toMatch(/\(401\): Unauthorized$/);
  });

  test("the diagnostic keeps one line of the body, cut short, without anything shaped like a key", async () => {
    const quoted = await answerWith(
      401,
      JSON.stringify({
        error: { message: "Incorrect API key provided: sk-proj-abcdefghijklmnop.\nBearer xyz123" },
      }),
    );
    expect(quoted.message).toBe(
      "The model server rejected the request (401): Incorrect API key provided: [redacted]. Bearer [redacted]",
    );
    await raw?.close();
    const long = await answerWith(400, "x".repeat(5_000));
    expect(long.message.length).toBeLessThan(600);
    expect(long.message).toMatch(/x…$/);
  });

  test("a 3xx is a failure, never followed", async () => {
    let targetHits = 0;
    const target = await rawServer((_req, res) => {
      targetHits += 1;
      res.writeHead(200).end();
    });
    try {
      const error = await answerWith(302, "", { location: `${target.baseUrl}/chat/completions` });
      expect(error).toMatchObject({ kind: "upstream", details: { status: 302 } });
      expect(targetHits).toBe(0);
    } finally {
      await target.close();
    }
  });

  test("a 429 without Retry-After leaves the wait to the caller", async () => {
    const error = await answerWith(429, JSON.stringify({ error: { message: "busy" } }));
    expect(error.kind).toBe("rate_limited");
    expect(error.details.retryAfterSeconds).toBeUndefined();
  });

  test("a 503 is `upstream` before the first token", async () => {
    const error = await answerWith(503, JSON.stringify({ error: { message: "loading" } }));
    expect(error).toMatchObject({ kind: "upstream", details: { status: 503, afterFirstToken: false } });
  });

  test("an error event inside the stream is `cut` after the first token", async () => {
    raw = await rawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: ${JSON.stringify(chunk({ content: "Half" }))}\n\n`);
      res.end(
        `data: ${JSON.stringify({ error: { object: "error", message: "engine dead", code: 500 } })}\n\n`,
      );
    });
    const seen: GenerateEvent[] = [];
    const error = await failure(engineFor(raw.baseUrl).generate(request()), seen);
    expect(error).toMatchObject({ kind: "cut", details: { afterFirstToken: true } });
    expect(textOf(seen, "output_text.delta")).toBe("Half");
  });

  test("a socket torn before the first token is `upstream`", async () => {
    raw = await rawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: ${JSON.stringify(chunk({ role: "assistant", content: "" }))}\n\n`, () =>
        res.socket?.destroy(),
      );
    });
    const error = await failure(engineFor(raw.baseUrl).generate(request()));
    expect(error).toMatchObject({ kind: "upstream", details: {} });
  });

  test("text split mid-character across network chunks", async () => {
    const bytes = Buffer.from(`data: ${JSON.stringify(chunk({ content: "Grüße 🙂" }))}\n\n`);
    const finish = `data: ${JSON.stringify(chunk({}, "stop"))}\n\n`;
    raw = await rawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const cut = bytes.indexOf(Buffer.from("🙂")) + 2;
      res.write(bytes.subarray(0, cut), () => {
        setTimeout(() => res.end(Buffer.concat([bytes.subarray(cut), Buffer.from(finish)])), 20);
      });
    });
    const events = await collect(engineFor(raw.baseUrl).generate(request()));
    expect(textOf(events, "output_text.delta")).toBe("Grüße 🙂");
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
  });

  test("a consumer slower than the server loses nothing: the text arrives whole and in order", async () => {
    // Alternating reasoning and answer chunks cannot merge, so thousands of events queue up
    // ahead of the consumer: the body pauses, then resumes as the consumer catches up.
    const parts = Array.from({ length: 3_000 }, (_, i) => `${i} `);
    const fake = await fakeOpenAiServer([
      ...parts.map((text, i) => chunk(i % 2 ? { content: text } : { reasoning_content: text })),
      chunk({}, "stop"),
    ]);
    try {
      const events: GenerateEvent[] = [];
      for await (const event of engineFor(fake.baseUrl).generate(request())) {
        events.push(event);
        if (events.length % 500 === 1) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(textOf(events, "reasoning.delta")).toBe(parts.filter((_, i) => i % 2 === 0).join(""));
      expect(textOf(events, "output_text.delta")).toBe(parts.filter((_, i) => i % 2 === 1).join(""));
      expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    } finally {
      await fake.close();
    }
  });

  test("no API key sends no authorization header", async () => {
    const fake = await fakeOpenAiServer([chunk({ content: "ok" }, "stop")]);
    try {
      await collect(engineFor(fake.baseUrl).generate(request()));
      expect(fake.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await fake.close();
    }
  });

  test("a consumer that stops after the finish, before usage, leaves the engine usable", async () => {
    const engine = simEngine();
    for await (const event of engine.generate(request())) if (event.type === "finish") break;
    const events = await collect(engine.generate(request()));
    expect(events.some((event) => event.type === "usage")).toBe(true);
  });
});
