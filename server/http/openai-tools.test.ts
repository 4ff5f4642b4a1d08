// Function calling through the OpenAI-compatible facade, driven by the three clients integrators
// use (the official `openai` SDK, the Vercel AI SDK, LangChain), each running a two-step tool loop
// against the vLLM simulator, streamed and not: the model calls `get_weather`, the client runs it
// and sends the result back, the model answers with it. Then what Hearth refuses, and what it stores.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import {
  type AIMessage,
  type AIMessageChunk,
  HumanMessage,
  type ToolMessage,
} from "@langchain/core/messages";
import { tool as langchainTool } from "@langchain/core/tools";
import { ChatOpenAI } from "@langchain/openai";
import { generateText, jsonSchema, type JSONSchema7, stepCountIs, streamText, tool as aiTool } from "ai";
import OpenAI from "openai";
import { beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { forgetBackends } from "@/server/services/gateway/backend-cache";
import { getSession } from "@/server/services/sessions/get-session";
import { createKeyActor, master } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "@/server/test/chat";
import { OPENAI_BASE_URL, routeFetch } from "@/server/test/openai-route-fetch";
import { rejectionOf } from "@/server/test/rejection";

const simulator = simulatorForFile();
let key: string;

const QUESTION = "Use get_weather with city=Paris, please.";
const WEATHER = "Sunny, 21 C";
const weatherParameters: { type: "object"; [key: string]: unknown } = {
  type: "object",
  properties: { city: { type: "string" } },
  required: ["city"],
  additionalProperties: false,
};
const weatherTool: OpenAI.ChatCompletionTool = {
  type: "function",
  function: { name: "get_weather", description: "The weather in a city", parameters: weatherParameters },
};

/** What each client's tool does: remembers what it was asked, answers the same weather. */
function weatherService() {
  const asked: string[] = [];
  const run = ({ city }: { city: string }) => {
    asked.push(city);
    return WEATHER;
  };
  return {
    asked,
    run,
    /** As the openai SDK's tool runner takes it. */
    runnable: {
      type: "function" as const,
      function: {
        name: "get_weather",
        description: "The weather in a city",
        parameters: weatherParameters,
        parse: (text: string) => JSON.parse(text) as { city: string },
        function: run,
      },
    },
  };
}

const openai = () => new OpenAI({ baseURL: OPENAI_BASE_URL, apiKey: key, fetch: routeFetch, maxRetries: 0 });

beforeEach(async () => {
  simulator().clearFaults();
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support", { instructions: "Answer briefly." });
  key = (await createKeyActor("runtime", ["support", "offline"])).secret;
});

/** The stored answer and question of the exchange a completion made. */
async function storedExchange(sessionId: string) {
  const session = await getSession(master, "support", sessionId);
  const [question, answer] = session.messages;
  return { question: question!, answer: answer! };
}

const hearthOf = (completion: object) => (completion as { hearth: { session_id: string } }).hearth;

describe("the official openai SDK", () => {
  test("non-streamed: tool_calls with finish_reason tool_calls, then the answer from the result", async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: QUESTION }];
    const first = await openai().chat.completions.create({
      model: "support",
      messages,
      tools: [weatherTool],
    });

    const [choice] = first.choices;
    expect(choice!.finish_reason).toBe("tool_calls");
    expect(choice!.message.content).toBeNull();
    const [call] = choice!.message.tool_calls!;
    expect(call).toMatchObject({ type: "function", function: { name: "get_weather" } });
    expect(call!.id).toMatch(/^chatcmpl-tool-/);
    const fn = (call as OpenAI.ChatCompletionMessageFunctionToolCall).function;
    expect(JSON.parse(fn.arguments)).toEqual({ city: "Paris" });

    // The transcript keeps the calls on the answer.
    const stored = await storedExchange(hearthOf(first).session_id);
    expect(stored.question.content).toBe(QUESTION);
    expect(stored.answer.tool_calls).toEqual([call]);

    messages.push(choice!.message, { role: "tool", tool_call_id: call!.id, content: WEATHER });
    const second = await openai().chat.completions.create({
      model: "support",
      messages,
      tools: [weatherTool],
    });
    expect(second.choices[0]!.finish_reason).toBe("stop");
    expect(second.choices[0]!.message.content).toContain(`using get_weather: ${WEATHER}`);
    expect(second.choices[0]!.message.tool_calls).toBeUndefined();
    const after = await storedExchange(hearthOf(second).session_id);
    expect(after.question.content).toBe(`Result of get_weather (${call!.id}): ${WEATHER}`);
    const row = await getDb().message.findUniqueOrThrow({ where: { id: after.question.id } });
    expect(row.toolResults).toEqual([{ tool_call_id: call!.id, content: WEATHER }]);
    expect(after.answer.tool_calls).toBeUndefined();
  });

  test("streamed: delta.tool_calls fragments as OpenAI sends them, reassembled by the SDK's tool runner", async () => {
    const weather = weatherService();
    const runner = openai().chat.completions.runTools({
      model: "support",
      stream: true,
      messages: [{ role: "user", content: QUESTION }],
      tools: [weather.runnable],
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    runner.on("chunk", (chunk) => chunks.push(chunk));
    const answer = await runner.finalContent();

    expect(weather.asked).toEqual(["Paris"]);
    expect(answer).toContain(`using get_weather: ${WEATHER}`);
    // The first fragment of a call carries its id, type and name; the rest carry arguments only.
    const fragments = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(fragments[0]).toMatchObject({ index: 0, type: "function", function: { name: "get_weather" } });
    expect(fragments[0]!.id).toMatch(/^chatcmpl-tool-/);
    expect(fragments.slice(1).every((fragment) => fragment.id === undefined)).toBe(true);
    const finishes = chunks.flatMap((chunk) => chunk.choices[0]?.finish_reason ?? []);
    expect(finishes).toEqual(["tool_calls", "stop"]);
  });

  test("non-streamed tool runner: the same loop", async () => {
    const weather = weatherService();
    const answer = await openai()
      .chat.completions.runTools({
        model: "support",
        messages: [{ role: "user", content: QUESTION }],
        tools: [weather.runnable],
      })
      .finalContent();
    expect(weather.asked).toEqual(["Paris"]);
    expect(answer).toContain(`using get_weather: ${WEATHER}`);
  });
});

describe("the Vercel AI SDK (@ai-sdk/openai-compatible)", () => {
  const provider = () =>
    createOpenAICompatible({ name: "hearth", baseURL: OPENAI_BASE_URL, apiKey: key, fetch: routeFetch });
  const tools = (weather: ReturnType<typeof weatherService>) => ({
    get_weather: aiTool({
      description: "The weather in a city",
      inputSchema: jsonSchema<{ city: string }>(weatherParameters as JSONSchema7),
      execute: async (input) => weather.run(input),
    }),
  });

  test("generateText runs the two steps", async () => {
    const weather = weatherService();
    const result = await generateText({
      model: provider().chatModel("support"),
      prompt: QUESTION,
      tools: tools(weather),
      stopWhen: stepCountIs(3),
    });
    expect(weather.asked).toEqual(["Paris"]);
    expect(result.steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
    expect(result.text).toContain(`using get_weather: ${WEATHER}`);
  });

  test("streamText runs the two steps", async () => {
    const weather = weatherService();
    const result = streamText({
      model: provider().chatModel("support"),
      prompt: QUESTION,
      tools: tools(weather),
      stopWhen: stepCountIs(3),
    });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(weather.asked).toEqual(["Paris"]);
    expect((await result.steps).map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
    expect(text).toContain(`using get_weather: ${WEATHER}`);
  });
});

describe("LangChain (@langchain/openai)", () => {
  const model = (streaming: boolean) =>
    new ChatOpenAI({
      model: "support",
      apiKey: key,
      streaming,
      maxRetries: 0,
      configuration: { baseURL: OPENAI_BASE_URL, fetch: routeFetch },
    });

  for (const streaming of [false, true]) {
    test(`a bound tool, invoked and answered (${streaming ? "streamed" : "not streamed"})`, async () => {
      const weather = weatherService();
      const getWeather = langchainTool(weather.run, {
        name: "get_weather",
        description: "The weather in a city",
        schema: z.object({ city: z.string() }),
      });
      const bound = model(streaming).bindTools([getWeather]);
      const history: (HumanMessage | AIMessage | AIMessageChunk | ToolMessage)[] = [
        new HumanMessage(QUESTION),
      ];

      // Streamed, each step is read with `.stream()` and its chunks merged, as a streaming app does.
      // (`invoke` on a `streaming: true` model never settles with @langchain/openai 1.5 here, even
      // straight against the simulator, so it is not how a step is asked.)
      const ask = async (messages: typeof history): Promise<AIMessage | AIMessageChunk> => {
        if (!streaming) return bound.invoke(messages);
        let merged: AIMessageChunk | undefined;
        for await (const chunk of await bound.stream(messages))
          merged = merged ? merged.concat(chunk) : chunk;
        return merged!;
      };
      const first = await ask(history);
      expect(first.tool_calls).toEqual([
        expect.objectContaining({ name: "get_weather", args: { city: "Paris" } }),
      ]);
      history.push(first);
      for (const call of first.tool_calls ?? []) history.push(await getWeather.invoke(call));

      const second = await ask(history);
      expect(weather.asked).toEqual(["Paris"]);
      expect(second.content).toContain(`using get_weather: ${WEATHER}`);
    });
  }
});

describe("what the facade refuses, by name", () => {
  const refusal = async (body: Record<string, unknown>) => {
    const response = await routeFetch(`${OPENAI_BASE_URL}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "support", messages: [{ role: "user", content: "Hi" }], ...body }),
    });
    return { status: response.status, text: await response.text() };
  };

  test("a field Hearth does not honour is a 400 that names it, not silently dropped", async () => {
    const unknown = await refusal({ logit_bias: { "50256": -100 } });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("logit_bias");
    const image = await refusal({
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "http://x/y.png" } }] }],
    });
    expect(image.status).toBe(400);
    expect(image.text).toContain("content parts of type 'image_url' are not supported");
  });

  test("tool_choice needs tools it names; a tool result must answer a call before it", async () => {
    expect((await refusal({ tool_choice: "required" })).status).toBe(400);
    const named = await refusal({
      tools: [weatherTool],
      tool_choice: { type: "function", function: { name: "get_time" } },
    });
    expect(named.status).toBe(400);
    expect(named.text).toContain("get_time");
    const orphan = await refusal({
      messages: [
        { role: "user", content: "Hi" },
        { role: "tool", tool_call_id: "call_nobody", content: "42" },
      ],
    });
    expect(orphan.status).toBe(400);
    expect(orphan.text).toContain("call_nobody");
    const bad = await refusal({ tools: [{ type: "function", function: { name: "has spaces" } }] });
    expect(bad.status).toBe(400);
  });

  test("tools with no model backend at all: a 400 saying so, recorded as failed", async () => {
    await createChatAssistant("offline");
    await getDb().backend.deleteMany();
    forgetBackends();
    const error = await rejectionOf<InstanceType<typeof OpenAI.BadRequestError>>(
      openai().chat.completions.create({
        model: "offline",
        messages: [{ role: "user", content: QUESTION }],
        tools: [weatherTool],
      }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain("supported only on an OpenAI-compatible backend");
    const failed = await getDb().message.findFirst({ where: { assistantId: "offline", role: "assistant" } });
    expect(failed).toMatchObject({ status: "failed", errorCode: "INVALID_INPUT" });
  });

  test("the tool choice and sampling extras reach the backend as they are", async () => {
    const completion = await openai().chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: QUESTION }],
      tools: [weatherTool],
      tool_choice: "none",
      seed: 3,
      stop: ["zzz"],
      frequency_penalty: 0.5,
      presence_penalty: 0.5,
    });
    // tool_choice "none": the simulator answers in text, as vLLM does.
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
  });
});
