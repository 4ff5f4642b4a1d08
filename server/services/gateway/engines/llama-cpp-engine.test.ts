// The llama.cpp engine against a real (tiny, random-weights) GGUF model written by the test
// helper: its output is gibberish, so these tests check the shape of the stream, not its text.
// One thread per context keeps them fast on a small, busy machine.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { logger } from "../../../logger";
import { writeTinyGguf } from "../../../test/tiny-gguf";
import { EngineError, type Engine, type GenerateEvent, type GenerateRequest } from "./engine";
import { createLlamaCppEngine } from "./llama-cpp-engine";

let dir: string;
let modelPath: string;
let engine: Engine;
let single: Engine;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hearth-llama-"));
  modelPath = join(dir, "tiny.gguf");
  await writeTinyGguf(modelPath);
  engine = createLlamaCppEngine({ modelPath, contextSize: 512, sequences: 2, threads: 1 });
  single = createLlamaCppEngine({ modelPath, contextSize: 512, sequences: 1, threads: 1 });
});

afterAll(async () => {
  await engine?.close?.();
  await single?.close?.();
  await rm(dir, { recursive: true, force: true });
});

function request(overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return {
    model: "tiny",
    messages: [
      { role: "system", content: "You are terse." },
      { role: "user", content: "hello world, what do you say?" },
    ],
    temperature: 0,
    maxOutputTokens: 8,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function collect(target: Engine, generateRequest: GenerateRequest): Promise<GenerateEvent[]> {
  const events: GenerateEvent[] = [];
  for await (const event of target.generate(generateRequest)) events.push(event);
  return events;
}

function usageOf(events: GenerateEvent[]) {
  const usage = events.find((event) => event.type === "usage");
  if (!usage) throw new Error("no usage event");
  return usage.usage;
}

async function caught(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe("llama.cpp engine", () => {
  test("streams text deltas, then usage, then finish", async () => {
    const events = await collect(engine, request());

    const deltas = events.filter((event) => event.type === "output_text.delta");
    expect(deltas.length).toBeGreaterThan(0);
    expect(events.slice(-2).map((event) => event.type)).toEqual(["usage", "finish"]);
    const usage = usageOf(events);
    expect(usage.prompt_tokens).toBeGreaterThan(5);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  test("counts the templated prompt: a longer conversation has more prompt tokens", async () => {
    const short = usageOf(await collect(engine, request({ maxOutputTokens: 1 })));
    const long = usageOf(
      await collect(
        engine,
        request({
          maxOutputTokens: 1,
          messages: [
            { role: "user", content: "hello world" },
            { role: "assistant", content: "hello, user" },
            { role: "user", content: "what do you say about the world?" },
          ],
        }),
      ),
    );
    expect(long.prompt_tokens).toBeGreaterThan(short.prompt_tokens);
  });

  test("runs two generations at once, interleaved on separate sequences", async () => {
    let clock = 0;
    const run = async (content: string) => {
      const stamps: { firstDelta?: number; finish?: number } = {};
      const events: GenerateEvent[] = [];
      const generation = request({ maxOutputTokens: 24, messages: [{ role: "user", content }] });
      for await (const event of engine.generate(generation)) {
        events.push(event);
        clock += 1;
        if (event.type === "output_text.delta") stamps.firstDelta ??= clock;
        if (event.type === "finish") stamps.finish = clock;
      }
      return { events, stamps };
    };

    const [a, b] = await Promise.all([run("hello world"), run("the user says hello")]);

    for (const { events } of [a, b]) expect(events.at(-1)?.type).toBe("finish");
    // One after the other, b's first delta would come only after a's finish (or the reverse).
    expect(a.stamps.firstDelta).toBeLessThan(b.stamps.finish ?? 0);
    expect(b.stamps.firstDelta).toBeLessThan(a.stamps.finish ?? 0);
  });

  test("respects maxOutputTokens", async () => {
    const events = await collect(engine, request({ maxOutputTokens: 3, temperature: 0.8 }));
    expect(usageOf(events).completion_tokens).toBeLessThanOrEqual(3);
    const finish = events.at(-1);
    expect(finish?.type === "finish" && ["length", "stop"].includes(finish.reason)).toBe(true);
  });

  test("an abort ends the stream at once and frees the sequence for the next caller", async () => {
    const controller = new AbortController();
    const events: GenerateEvent[] = [];
    let abortedAt = 0;
    const error = await caught(
      (async () => {
        for await (const event of single.generate(
          request({ maxOutputTokens: 400, signal: controller.signal }),
        )) {
          events.push(event);
          if (event.type === "output_text.delta" && !abortedAt) {
            abortedAt = performance.now();
            controller.abort();
          }
        }
      })(),
    );
    expect(performance.now() - abortedAt).toBeLessThan(500);
    expect(error.kind).toBe("aborted");
    expect(error.details.afterFirstToken).toBe(true);
    expect(events.some((event) => event.type === "finish")).toBe(false);

    // The only sequence is handed to the next generation, which runs normally.
    const next = await collect(single, request());
    expect(next.at(-1)?.type).toBe("finish");
  });

  test("a caller waiting for a busy sequence can give up", async () => {
    const first = collect(single, request({ maxOutputTokens: 300 }));
    const controller = new AbortController();
    const events: GenerateEvent[] = [];
    const waiting = (async () => {
      for await (const event of single.generate(request({ signal: controller.signal }))) events.push(event);
    })();
    setTimeout(() => controller.abort(), 20);

    const error = await caught(waiting);
    expect(error.kind).toBe("aborted");
    expect(events).toEqual([]);
    expect((await first).at(-1)?.type).toBe("finish");
  });

  test("a missing model file is a clear upstream error", async () => {
    const missing = createLlamaCppEngine({ modelPath: join(dir, "missing.gguf") });
    const error = await caught(collect(missing, request()));
    expect(error.kind).toBe("upstream");
    expect(error.message).toMatch(/model file not found: .*missing\.gguf/);
    await missing.close?.();
  });

  test("a file that is not a GGUF is refused without quoting any of its bytes (issue 13, item 7)", async () => {
    // node-llama-cpp's own error, and llama.cpp's log, quote the first four bytes as the "magic".
    const notAModel = join(dir, "secret.gguf");
    await writeFile(notAModel, "QZXW-secret-token-value");
    const logs = (["debug", "info", "warn", "error"] as const).map((level) => vi.spyOn(logger, level));
    try {
      const refused = createLlamaCppEngine({ modelPath: notAModel });
      const error = await caught(collect(refused, request()));
      expect(error.kind).toBe("upstream");
      expect(error.message).toMatch(/the file is not a GGUF model$/);
      await refused.close?.();
      const seen = JSON.stringify([error.message, logs.map((spy) => spy.mock.calls)]);
      expect(seen).not.toContain("QZXW");
    } finally {
      for (const spy of logs) spy.mockRestore();
    }
  });

  test("a closed engine refuses new generations", async () => {
    const closing = createLlamaCppEngine({ modelPath, contextSize: 256, sequences: 1, threads: 1 });
    expect((await collect(closing, request())).at(-1)?.type).toBe("finish");
    await closing.close?.();
    expect((await caught(collect(closing, request()))).message).toMatch(/closed/);
  });
});
