import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { postJson, readSse, simulatorPerFile, userMessage, waitFor } from "./test-support";

const simulator = simulatorPerFile({ reasoningTokens: { medium: 4 }, answerTokens: 20 });
const chatUrl = () => `${simulator().baseUrl}/chat/completions`;
const chat = (init: RequestInit = {}, extra: object = {}) =>
  postJson(chatUrl(), { messages: userMessage("fault test"), stream: true, ...extra }, init);

afterEach(() => simulator().clearFaults());

describe("fault injection", () => {
  it("answers an injected error status for the next N requests only", async () => {
    simulator().setFaults({ error: { status: 503, next: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await chat()).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(simulator().stats().faultsFired.error).toBe(2);
  });

  it("answers 429 with Retry-After", async () => {
    simulator().setFaults({ rateLimit: { retryAfterSeconds: 7 } });
    const response = await chat();
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(429);
  });

  it("resets the connection before any response", async () => {
    simulator().setFaults({ reset: { next: 1 } });
    await expect(chat()).rejects.toThrow();
    expect((await chat()).status).toBe(200);
  });

  it("cuts a stream after K tokens without [DONE]", async () => {
    simulator().setFaults({ cut: { afterTokens: 3 } });
    const failedBefore = simulator().stats().failed;
    const result = await readSse(await chat());
    expect(result.done).toBe(false);
    expect(result.error).toBeDefined();
    // The role chunk, then exactly three tokens.
    expect(result.events).toHaveLength(4);
    expect(simulator().stats().failed).toBe(failedBefore + 1);
  });

  it("cuts a non-streaming request with no response at all", async () => {
    simulator().setFaults({ cut: { afterTokens: 3, next: 1 } });
    const client = new OpenAI({ baseURL: simulator().baseUrl, apiKey: "unused", maxRetries: 0 });
    await expect(
      client.chat.completions.create({ model: "gpt-oss-20b", messages: userMessage("x") }),
    ).rejects.toThrow(/connection/i);
  });

  it("stalls a stream for the given time, then finishes it", async () => {
    simulator().setFaults({ stall: { afterTokens: 2, durationMs: 150 } });
    const started = performance.now();
    const result = await readSse(await chat());
    expect(result.done).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("stalls forever until the client gives up, which counts as aborted and frees the slot", async () => {
    simulator().setFaults({ stall: { afterTokens: 1 } });
    const abortedBefore = simulator().stats().aborted;
    const controller = new AbortController();
    const response = await chat({ signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    setTimeout(() => controller.abort(), 100);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    ).rejects.toThrow();
    await waitFor(
      () => simulator().stats().aborted === abortedBefore + 1 && simulator().stats().running === 0,
    );
  });

  it("adds time to the first token on a slow start", async () => {
    simulator().setFaults({ slowStart: { extraMs: 200, next: 1 } });
    const started = performance.now();
    const response = await chat();
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    expect((await readSse(response)).done).toBe(true);
  });

  it("takes faults over HTTP: /health goes down and comes back", async () => {
    const faultsUrl = `${simulator().url}/sim/faults`;
    const set = await postJson(faultsUrl, { healthDown: true });
    expect(await set.json()).toEqual({ healthDown: true });
    expect((await fetch(`${simulator().url}/health`)).status).toBe(503);
    await postJson(faultsUrl, { healthDown: null });
    expect((await fetch(`${simulator().url}/health`)).status).toBe(200);
    expect((await postJson(faultsUrl, { explode: true })).status).toBe(400);
    expect((await postJson(faultsUrl, { error: { status: 200 } })).status).toBe(400);
  });

  it("fires a fault only with its probability", async () => {
    simulator().setFaults({ error: { status: 500, probability: 0 } });
    expect((await chat()).status).toBe(200);
    const stats = (await (await fetch(`${simulator().url}/sim/stats`)).json()) as { requests: number };
    expect(stats.requests).toBeGreaterThan(0);
  });
});
