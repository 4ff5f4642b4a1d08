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

const weatherTool: OpenAI.ChatCompletionFunctionTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "The weather in a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, days: { type: "integer" } },
      required: ["city"],
    },
  },
};
const timeTool: OpenAI.ChatCompletionFunctionTool = {
  type: "function",
  function: { name: "get_time", parameters: { type: "object", properties: {} } },
};
const tools = [weatherTool, timeTool];

interface StreamedCall {
  id?: string;
  type?: string;
  name?: string;
  arguments: string;
  fragments: number;
}

/** Reads a tool-call stream as a client does: fragments accumulated by index. */
async function readToolStream(stream: AsyncIterable<OpenAI.ChatCompletionChunk>) {
  const calls: StreamedCall[] = [];
  let content = "";
  let reasoningChunks = 0;
  let finish: string | null | undefined;
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    usage ??= chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    const delta = choice.delta as typeof choice.delta & { reasoning_content?: string };
    if (delta.reasoning_content) {
      expect(calls).toHaveLength(0);
      reasoningChunks += 1;
    }
    content += delta.content ?? "";
    for (const part of delta.tool_calls ?? []) {
      const call = (calls[part.index] ??= { arguments: "", fragments: 0 });
      if (part.id) Object.assign(call, { id: part.id, type: part.type, name: part.function?.name });
      call.arguments += part.function?.arguments ?? "";
      call.fragments += 1;
    }
    finish ??= choice.finish_reason;
  }
  return { calls, content, reasoningChunks, finish, usage };
}

describe("tool calls through the OpenAI SDK", () => {
  it("streams a call as a header and argument fragments that reassemble to JSON", async () => {
    const stream = await client().chat.completions.create({
      model: "gpt-oss-20b",
      messages: userMessage("What is the weather? Use get_weather with city=Paris days: 3."),
      tools,
      stream: true,
      stream_options: { include_usage: true },
    });
    const { calls, content, reasoningChunks, finish, usage } = await readToolStream(stream);
    expect(reasoningChunks).toBe(12);
    expect(content).toBe("");
    expect(finish).toBe("tool_calls");
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({ type: "function", name: "get_weather" });
    expect(call!.id).toMatch(/^chatcmpl-tool-[0-9a-f]{32}$/);
    expect(JSON.parse(call!.arguments)).toEqual({ city: "Paris", days: 3 });
    expect(call!.fragments).toBeGreaterThan(2);
    const callTokens = Math.ceil(("get_weather" + call!.arguments).length / 4);
    expect(usage?.completion_tokens).toBe(12 + callTokens);
  });

  it("streams the exact wire format, one index per call, the finish in a chunk of its own", async () => {
    const body = {
      model: "plain-chat",
      messages: userMessage("get_time and get_weather"),
      tools,
      stream: true,
    };
    const { events, done } = await readSse(await postJson(chatUrl(), body));
    expect(done).toBe(true);
    const deltas = events.map((e) => (e.choices as Array<{ delta: Record<string, unknown> }>)[0]!.delta);
    expect(deltas[0]).toEqual({ role: "assistant", content: "" });
    const headers = deltas.slice(1).filter((d) => JSON.stringify(d).includes('"id"'));
    expect(headers).toEqual([
      {
        tool_calls: [
          {
            index: 0,
            id: expect.any(String) as string,
            type: "function",
            function: { name: "get_weather", arguments: "" },
          },
        ],
      },
      {
        tool_calls: [
          {
            index: 1,
            id: expect.any(String) as string,
            type: "function",
            function: { name: "get_time", arguments: "" },
          },
        ],
      },
    ]);
    expect(deltas.slice(1, -1).every((d) => Object.keys(d).join() === "tool_calls")).toBe(true);
    const last = events.at(-1)!.choices as Array<{ delta: unknown; finish_reason: string }>;
    expect(last[0]).toMatchObject({ delta: {}, finish_reason: "tool_calls" });
    expect(events.slice(0, -1).every((e) => JSON.stringify(e).includes('"finish_reason":null'))).toBe(true);
  });

  it("returns the calls whole without streaming, content null", async () => {
    const completion = await client().chat.completions.create({
      model: "gpt-oss-20b",
      messages: userMessage("get_weather city: Oslo"),
      tools,
    });
    const choice = completion.choices[0]!;
    const message = choice.message as typeof choice.message & { reasoning_content?: string };
    expect(choice.finish_reason).toBe("tool_calls");
    expect(message.content).toBeNull();
    expect(message.reasoning_content).toMatch(/^Simulated reasoning at medium effort/);
    expect(message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^chatcmpl-tool-[0-9a-f]{32}$/) as string,
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Oslo","days":1}' },
      },
    ]);
    const callTokens = Math.ceil('get_weather{"city":"Oslo","days":1}'.length / 4);
    expect(completion.usage?.completion_tokens).toBe(12 + callTokens);
  });

  it("runs a two-step loop: the call, then an answer that uses the result", async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = userMessage("Call get_weather for city=Rome");
    const first = await client().chat.completions.create({ model: "gpt-oss-20b", messages, tools });
    const assistant = first.choices[0]!.message;
    const call = assistant.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    messages.push(
      { role: "assistant", content: null, tool_calls: assistant.tool_calls },
      { role: "tool", tool_call_id: call.id, content: "Sunny, 24 C" },
    );
    const second = await client().chat.completions.create({ model: "gpt-oss-20b", messages, tools });
    expect(second.choices[0]!.finish_reason).toBe("stop");
    expect(second.choices[0]!.message.tool_calls).toEqual([]);
    expect(second.choices[0]!.message.content).toMatch(
      /^Simulated answer using get_weather: Sunny, 24 C This is simulated text/,
    );
    const callTokens = Math.ceil((call.function.name + call.function.arguments).length / 4);
    const withoutCall = await client().chat.completions.create({
      model: "gpt-oss-20b",
      messages: [messages[0]!, { role: "assistant", content: null }, messages[2]!],
      tools,
    });
    expect(second.usage!.prompt_tokens - withoutCall.usage!.prompt_tokens).toBe(callTokens);
  });

  it("streams the answer after a tool result as text", async () => {
    const stream = await client().chat.completions.create({
      model: "plain-chat",
      messages: [
        ...userMessage("get_time"),
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call-1", type: "function", function: { name: "get_time", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "call-1", content: "12:00" },
      ],
      tools,
      tool_choice: "required",
      stream: true,
    });
    const { calls, content, finish } = await readToolStream(stream);
    expect(calls).toEqual([]);
    expect(content).toMatch(/^Simulated answer using get_time: 12:00 This/);
    expect(finish).toBe("stop");
  });

  it.each([
    ["none", "get_weather", "none" as const, []],
    ["required without a name in the text", "hello", "required" as const, ["get_weather"]],
    ["auto without a name in the text", "hello", "auto" as const, []],
    [
      "a named function",
      "get_weather",
      { type: "function" as const, function: { name: "get_time" } },
      ["get_time"],
    ],
  ])("follows tool_choice %s", async (_name, text, toolChoice, expected) => {
    const completion = await client().chat.completions.create({
      model: "plain-chat",
      messages: userMessage(text),
      tools,
      tool_choice: toolChoice,
    });
    const choice = completion.choices[0]!;
    const called = (choice.message.tool_calls ?? []).map(
      (call) => (call as OpenAI.ChatCompletionMessageFunctionToolCall).function.name,
    );
    expect(called).toEqual(expected);
    expect(choice.finish_reason).toBe(expected.length ? "tool_calls" : "stop");
    if (!expected.length) expect(choice.message.content).toMatch(/^Simulated answer to:/);
  });

  it("calls every named tool, or only the first with parallel_tool_calls false", async () => {
    const called = async (parallel: boolean) => {
      const completion = await client().chat.completions.create({
        model: "plain-chat",
        messages: userMessage("get_time, then get_weather"),
        tools,
        parallel_tool_calls: parallel,
      });
      return completion.choices[0]!.message.tool_calls!.map(
        (call) => (call as OpenAI.ChatCompletionMessageFunctionToolCall).function.name,
      );
    };
    expect(await called(true)).toEqual(["get_weather", "get_time"]);
    expect(await called(false)).toEqual(["get_weather"]);
  });

  it("stops with length and no calls when the budget ends inside the reasoning", async () => {
    const completion = await client().chat.completions.create({
      model: "gpt-oss-20b",
      messages: userMessage("get_weather"),
      tools,
      max_tokens: 5,
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe("length");
    expect(choice.message.tool_calls).toEqual([]);
    expect(choice.message.content).toBeNull();
    expect(completion.usage?.completion_tokens).toBe(5);
  });

  it("streams a call the budget cuts as far as it got, and leaves it out of a whole message", async () => {
    const request = { model: "plain-chat", messages: userMessage("get_weather"), tools, max_tokens: 3 };
    const stream = await client().chat.completions.create({ ...request, stream: true });
    const { calls, finish } = await readToolStream(stream);
    expect(finish).toBe("length");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.name).toBe("get_weather");
    expect('{"city":"example","days":1}'.startsWith(calls[0]!.arguments)).toBe(true);
    expect(calls[0]!.arguments.length).toBeLessThan('{"city":"example","days":1}'.length);
    const completion = await client().chat.completions.create(request);
    expect(completion.choices[0]).toMatchObject({
      finish_reason: "length",
      message: { content: null, tool_calls: [] },
    });
    expect(completion.usage?.completion_tokens).toBe(3);
  });

  it("counts a tool-call turn as a stop in vLLM's success metric", async () => {
    const before = await (await fetch(`${simulator().url}/metrics`)).text();
    const stops = (text: string) =>
      Number(/request_success_total\{[^}]*finished_reason="stop"\} (\d+)/.exec(text)?.[1] ?? 0);
    await client().chat.completions.create({ model: "plain-chat", messages: userMessage("get_time"), tools });
    const after = await (await fetch(`${simulator().url}/metrics`)).text();
    expect(stops(after)).toBe(stops(before) + 1);
    expect(after).not.toContain("tool_calls");
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
    ["a tool that is not a function", { messages: userMessage("x"), tools: [{ type: "web_search" }] }],
    [
      "a tool without a name",
      { messages: userMessage("x"), tools: [{ type: "function", function: { description: "d" } }] },
    ],
    [
      "a named tool_choice not among the tools",
      {
        messages: userMessage("x"),
        tools: [{ type: "function", function: { name: "a" } }],
        tool_choice: { type: "function", function: { name: "b" } },
      },
    ],
    ["tool_choice without tools", { messages: userMessage("x"), tool_choice: "auto" }],
    ["a bad tool_choice", { messages: userMessage("x"), tools: [], tool_choice: "always" }],
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
