import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { postJson, readSse, simulatorPerFile, userMessage } from "./test-support";

const simulator = simulatorPerFile({
  models: ["gpt-oss-20b", "plain-chat"],
  reasoningTokens: { low: 4, medium: 12, high: 30 },
});
const client = () => new OpenAI({ baseURL: simulator().baseUrl, apiKey: "unused", maxRetries: 0 });
const chatUrl = () => `${simulator().baseUrl}/chat/completions`;

describe("chat completions through the OpenAI SDK", () => {
  it("answers without streaming, reasoning apart from the answer, with usage", async () => {
    const completion = await client().chat.completions.create({
      model: "gpt-oss-20b",
      messages: userMessage("What is Hearth?"),
    });
    const choice = completion.choices[0]!;
    const message = choice.message as typeof choice.message & {
      reasoning_content?: string;
      reasoning?: string;
    };
    expect(message.content).toMatch(/^Simulated answer to: What is Hearth\? This is simulated text/);
    expect(message.reasoning_content).toMatch(
      /^Simulated reasoning at medium effort about: What is Hearth\?/,
    );
    expect(message.reasoning).toBe(message.reasoning_content);
    expect(choice.finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ completion_tokens: 12 + 48 });
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + 60);
  });

  it("streams reasoning deltas before content deltas and ends with a usage chunk", async () => {
    const stream = await client().chat.completions.create({
      model: "gpt-oss-20b",
      messages: userMessage("Stream please"),
      stream: true,
      stream_options: { include_usage: true },
    });
    const channels: string[] = [];
    let content = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      usage ??= chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      const delta = choice.delta as typeof choice.delta & { reasoning_content?: string; reasoning?: string };
      if (delta.reasoning_content) {
        expect(delta.reasoning).toBe(delta.reasoning_content);
        channels.push("reasoning");
      }
      if (delta.content) channels.push("content");
      content += delta.content ?? "";
      finish ??= choice.finish_reason;
    }
    expect(channels.indexOf("content")).toBe(channels.lastIndexOf("reasoning") + 1);
    expect(channels.filter((c) => c === "reasoning")).toHaveLength(12);
    expect(content).toMatch(/^Simulated answer to: Stream please/);
    expect(finish).toBe("stop");
    expect(usage?.completion_tokens).toBe(channels.length);
  });
});

describe("chat completions over HTTP", () => {
  it("marks every response as coming from the simulator", async () => {
    const response = await fetch(`${simulator().url}/health`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(response.headers.get("x-simulator")).toBe("hearth-vllm-simulator");
  });

  it("lists the served models as owned by the simulator", async () => {
    const models = (await (await fetch(`${simulator().baseUrl}/models`)).json()) as {
      data: Array<{ id: string; owned_by: string }>;
    };
    expect(models.data.map((m) => m.id)).toEqual(["gpt-oss-20b", "plain-chat", "hearth-sim-embedding"]);
    expect(new Set(models.data.map((m) => m.owned_by))).toEqual(new Set(["hearth-vllm-simulator"]));
  });

  it("makes reasoning longer as reasoning_effort rises", async () => {
    const reasoningTokens = async (effort: string) => {
      const body = {
        model: "gpt-oss-20b",
        messages: userMessage("hi"),
        reasoning_effort: effort,
        stream: true,
      };
      const { events } = await readSse(await postJson(chatUrl(), body));
      return events.filter((e) => JSON.stringify(e).includes('"reasoning_content"')).length;
    };
    const [low, medium, high] = await Promise.all(["low", "medium", "high"].map(reasoningTokens));
    expect([low, medium, high]).toEqual([4, 12, 30]);
  });

  it("stops at max_tokens with finish_reason length, reasoning counted in the budget", async () => {
    const response = await postJson(chatUrl(), { messages: userMessage("long"), max_tokens: 16 });
    const body = (await response.json()) as {
      choices: Array<{ finish_reason: string; message: { content: string } }>;
      usage: { completion_tokens: number };
    };
    expect(body.choices[0]!.finish_reason).toBe("length");
    expect(body.usage.completion_tokens).toBe(16);
    expect(body.choices[0]!.message.content).toBe("Simulated answer to: long");
  });

  it("generates exactly max_completion_tokens with ignore_eos, and honours min_tokens", async () => {
    const ignore = await postJson(chatUrl(), {
      messages: userMessage("x"),
      max_completion_tokens: 300,
      ignore_eos: true,
    });
    expect(((await ignore.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens).toBe(
      300,
    );
    const min = await postJson(chatUrl(), { messages: userMessage("x"), min_tokens: 100 });
    expect(((await min.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens).toBe(
      100,
    );
  });

  it("returns no reasoning for models that do not match the reasoning pattern", async () => {
    const { events, done } = await readSse(
      await postJson(chatUrl(), { model: "plain-chat", messages: userMessage("plain"), stream: true }),
    );
    expect(done).toBe(true);
    expect(JSON.stringify(events)).not.toContain("reasoning");
  });

  it("answers 404 like vLLM for an unknown model", async () => {
    const response = await postJson(chatUrl(), { model: "gpt-5", messages: userMessage("x") });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: "The model `gpt-5` does not exist.", type: "NotFoundError", param: null, code: 404 },
    });
  });

  it.each([
    ["missing messages", { model: "gpt-oss-20b" }],
    ["empty messages", { messages: [] }],
    ["a bad reasoning_effort", { messages: userMessage("x"), reasoning_effort: "extreme" }],
    ["a prompt longer than the context", { messages: userMessage("x"), max_tokens: 200_000 }],
    ["an embedding model", { model: "hearth-sim-embedding", messages: userMessage("x") }],
  ])("answers 400 for %s", async (_name, body) => {
    const response = await postJson(chatUrl(), body);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { type: string; code: number; message: string } })
      .error;
    expect(error).toMatchObject({ type: "BadRequestError", code: 400 });
    expect(error.message).not.toBe("");
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await fetch(chatUrl(), { method: "POST", body: "{nope" });
    expect(response.status).toBe(400);
  });
});
