import { describe, expect, it } from "vitest";
import { decodeTokensPerSecond, prefillMs } from "./latency";
import { resolveOptions } from "./options";
import { Scheduler } from "./scheduler";
import { postJson, readSse, simulatorPerFile, userMessage, waitFor } from "./test-support";

// Slow enough that requests overlap: 100 tokens at 200 tok/s is about half a second each.
const simulator = simulatorPerFile({
  maxBatch: 2,
  tokensPerSecond: 200,
  answerTokens: 100,
  reasoningTokens: { medium: 0 },
});
const chat = (init: RequestInit = {}) =>
  postJson(`${simulator().baseUrl}/chat/completions`, { messages: userMessage("queue"), stream: true }, init);

async function metrics(): Promise<Map<string, number>> {
  const text = await (await fetch(`${simulator().url}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
    samples.set(`${match[1]}${match[2] ?? ""}`, Number(match[3]));
  }
  return samples;
}

const label = '{model_name="gpt-oss-20b"}';

describe("batching and queueing", () => {
  it("runs maxBatch requests at once and queues the rest FIFO, visible in /metrics", async () => {
    const controllers = Array.from({ length: 4 }, () => new AbortController());
    const responses = controllers.map((controller) => chat({ signal: controller.signal }));
    await waitFor(async () => (await metrics()).get(`vllm:num_requests_waiting${label}`) === 2);
    const samples = await metrics();
    expect(samples.get(`vllm:num_requests_running${label}`)).toBe(2);
    expect(samples.get(`vllm:kv_cache_usage_perc${label}`)).toBeGreaterThan(0);
    const results = await Promise.all(responses.map(async (response) => readSse(await response)));
    expect(results.every((result) => result.done)).toBe(true);
    const after = await metrics();
    expect(after.get(`vllm:num_requests_waiting${label}`)).toBe(0);
    expect(after.get(`vllm:time_to_first_token_seconds_count${label}`)).toBeGreaterThanOrEqual(4);
    expect(after.get(`vllm:e2e_request_latency_seconds_count${label}`)).toBeGreaterThanOrEqual(4);
    expect(after.get(`vllm:generation_tokens_total${label}`)).toBeGreaterThanOrEqual(400);
    expect(after.get(`vllm:prompt_tokens_total${label}`)).toBeGreaterThan(0);
  });

  it("decodes a lone request at the configured speed", async () => {
    const started = performance.now();
    const { events, done } = await readSse(await chat());
    const elapsed = performance.now() - started;
    expect(done).toBe(true);
    expect(events).toHaveLength(1 + 100);
    // 5 ms to the first token, then 99 tokens at 200 tok/s: about 500 ms.
    expect(elapsed).toBeGreaterThan(450);
    expect(elapsed).toBeLessThan(1500);
  });

  it("frees the slot at once when a client disconnects mid-stream", async () => {
    const before = simulator().stats();
    const controller = new AbortController();
    const response = await chat({ signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    expect(simulator().stats().running).toBe(1);
    controller.abort();
    await waitFor(() => simulator().stats().aborted === before.aborted + 1);
    expect(simulator().stats()).toMatchObject({ running: 0, waiting: 0 });
    expect(simulator().stats().generationTokens - before.generationTokens).toBeLessThan(100);
  });

  it("drops a queued request whose client leaves before it runs", async () => {
    const before = simulator().stats().aborted;
    const running = [chat(), chat()];
    const controller = new AbortController();
    const queued = chat({ signal: controller.signal }).catch(() => undefined);
    await waitFor(() => simulator().stats().waiting === 1);
    controller.abort();
    await queued;
    await waitFor(() => simulator().stats().waiting === 0);
    expect(simulator().stats().aborted).toBe(before + 1);
    await Promise.all(running.map(async (response) => readSse(await response)));
  });
});

describe("latency model", () => {
  const config = resolveOptions({ ttftMs: 300, prefillMsPerToken: 0.5, tokensPerSecond: 40, maxBatch: 8 });

  it("adds prefill time per prompt token and scales with speed", () => {
    expect(prefillMs(config, 100)).toBe(350);
    expect(prefillMs({ ...config, speed: 10 }, 100)).toBe(35);
  });

  it("slows decoding as the batch fills", () => {
    expect(decodeTokensPerSecond(config, 1)).toBe(40);
    expect(decodeTokensPerSecond(config, 5)).toBe(30);
    expect(decodeTokensPerSecond(config, 8)).toBeCloseTo(22.5);
  });
});

describe("scheduler", () => {
  it("admits in arrival order and holds a prompt that does not fit the KV cache", async () => {
    const scheduler = new Scheduler({ maxBatch: 4, kvCacheTokens: 100 });
    const signal = new AbortController().signal;
    const first = await scheduler.acquire(80, signal);
    const order: string[] = [];
    const big = scheduler.acquire(50, signal).then((lease) => (order.push("big"), lease));
    const small = scheduler.acquire(10, signal).then((lease) => (order.push("small"), lease));
    await Promise.resolve();
    expect([scheduler.runningCount, scheduler.waitingCount]).toEqual([1, 2]);
    expect(scheduler.kvCacheUsage).toBeCloseTo(0.8);
    scheduler.release(first);
    await Promise.all([big, small]);
    expect(order).toEqual(["big", "small"]);
  });
});
