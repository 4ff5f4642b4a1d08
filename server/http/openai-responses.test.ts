// OpenAI's Responses API on Hearth (POST /v1/responses, GET /v1/responses/{id}), driven by the
// official `openai` SDK and the OpenAI Agents SDK with their fetch routed to the route handlers
// in-process: answers streamed and not, the event sequence, function-call loops continued by
// `previous_response_id` and by the whole input, fetching a stored response, what is refused and
// what is not found, and what reaches the model.
import { Agent, run, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled, tool } from "@openai/agents";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { system } from "@/server/services/access/actor";
import { createBackend } from "@/server/services/backends/create-backend";
import { getSession } from "@/server/services/sessions/get-session";
import { createKeyActor, master } from "@/server/test/actors";
import {
  createChatAssistant,
  fakeChunk,
  fakeOpenAiServer,
  registerSimulatorBackend,
  simulatorForFile,
} from "@/server/test/chat";
import { OPENAI_BASE_URL, routeFetch } from "@/server/test/openai-route-fetch";
import { rejectionOf } from "@/server/test/rejection";

const simulator = simulatorForFile();
let key: string;

const QUESTION = "Use get_weather with city=Paris, please.";
const WEATHER = "Sunny, 21 C";
const weatherTool: OpenAI.Responses.FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "The weather in a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
    additionalProperties: false,
  },
  strict: true,
};

const clientFor = (apiKey: string) =>
  new OpenAI({ baseURL: OPENAI_BASE_URL, apiKey, fetch: routeFetch, maxRetries: 0 });
const openai = () => clientFor(key);

beforeEach(async () => {
  simulator().clearFaults();
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support", { instructions: "Answer briefly." });
  await createChatAssistant("sales");
  key = (await createKeyActor("runtime", ["support"])).secret;
});

const hearthOf = (response: object) =>
  (response as { hearth: { session_id: string; message_id: string; rag: unknown } }).hearth;

const functionCalls = (response: OpenAI.Responses.Response) =>
  response.output.filter(
    (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === "function_call",
  );

/** A raw request, for what the SDK would not send. */
async function post(body: Record<string, unknown>, apiKey = key) {
  const response = await routeFetch(`${OPENAI_BASE_URL}/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "support", ...body }),
  });
  return { status: response.status, text: await response.text() };
}

describe("the official openai SDK", () => {
  test("non-streamed: a response with the reasoning, the answer and usage, stored as an exchange", async () => {
    const response = await openai().responses.create({ model: "support", input: "What is Hearth?" });

    expect(response).toMatchObject({
      object: "response",
      status: "completed",
      model: "support",
      error: null,
    });
    const { message_id, session_id } = hearthOf(response);
    expect(response.id).toBe(message_id.replace(/^msg_/, "resp_"));
    const [reasoning, message] = response.output;
    expect(reasoning).toMatchObject({
      type: "reasoning",
      id: expect.stringMatching(/^rs_/) as string,
      summary: [],
    });
    const reasoningText = (reasoning as OpenAI.Responses.ResponseReasoningItem).content?.[0]?.text;
    expect(reasoningText?.length).toBeGreaterThan(0);
    expect(message).toMatchObject({
      type: "message",
      id: message_id,
      role: "assistant",
      status: "completed",
    });
    expect(response.output_text.length).toBeGreaterThan(0);
    expect(response.usage).toMatchObject({
      input_tokens: expect.any(Number) as number,
      output_tokens: expect.any(Number) as number,
      output_tokens_details: { reasoning_tokens: 0 },
      input_tokens_details: { cached_tokens: 0 },
    });
    expect(response.usage!.total_tokens).toBe(response.usage!.input_tokens + response.usage!.output_tokens);
    // The assistant's own generation settings, echoed as the ones it ran with.
    expect(response).toMatchObject({
      store: true,
      tools: [],
      tool_choice: "auto",
      previous_response_id: null,
    });
    expect(response.reasoning).toEqual({ effort: "medium", summary: null });

    const stored = await getSession(master, "support", session_id);
    expect(stored.messages.map((row) => [row.role, row.content])).toEqual([
      ["user", "What is Hearth?"],
      ["assistant", response.output_text],
    ]);
  });

  test("streamed: OpenAI's event sequence, numbered, whose deltas add up to the response", async () => {
    const stream = await openai().responses.create({
      model: "support",
      input: "What is Hearth?",
      stream: true,
    });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const types = [...new Set(events.map((event) => event.type))];
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.reasoning_text.delta",
      "response.reasoning_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_text.delta",
      "response.output_text.done",
      "response.completed",
    ]);
    const created = events[0] as OpenAI.Responses.ResponseCreatedEvent;
    expect(created.response).toMatchObject({ status: "in_progress", output: [] });
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.id).toBe(created.response.id);
    expect(completed.response.status).toBe("completed");

    const text = events.flatMap((event) =>
      event.type === "response.output_text.delta" ? [event.delta] : [],
    );
    expect(text.join("")).toBe(completed.response.output_text);
    const reasoning = events.flatMap((event) =>
      event.type === "response.reasoning_text.delta" ? [event.delta] : [],
    );
    const [reasoningItem, messageItem] = completed.response.output;
    expect((reasoningItem as OpenAI.Responses.ResponseReasoningItem).content?.[0]?.text).toBe(
      reasoning.join(""),
    );
    // Each item is added, then done, before the next one is added.
    const itemEvents = events.flatMap((event) =>
      event.type === "response.output_item.added" || event.type === "response.output_item.done"
        ? [`${event.type.slice("response.output_item.".length)} ${event.output_index}`]
        : [],
    );
    expect(itemEvents).toEqual(["added 0", "done 0", "added 1", "done 1"]);
    const done = events.filter((event) => event.type === "response.output_item.done");
    expect(done.map((event) => event.item)).toEqual([reasoningItem, messageItem]);

    // The same response, fetched.
    const fetched = await openai().responses.retrieve(completed.response.id);
    expect(fetched.output).toEqual(completed.response.output);
    expect(fetched.usage).toEqual(completed.response.usage);
  });

  test("the SDK's stream helper gives the final response", async () => {
    const stream = openai().responses.stream({ model: "support", input: "Hi" });
    const final = await stream.finalResponse();
    expect(final.status).toBe("completed");
    expect(final.output_text.length).toBeGreaterThan(0);
  });

  test("max_output_tokens reached: incomplete, with the reason, the last item incomplete", async () => {
    const response = await openai().responses.create({
      model: "support",
      input: "What is Hearth?",
      max_output_tokens: 8,
      reasoning: { effort: "low" },
    });
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.output.at(-1)).toMatchObject({ status: "incomplete" });
    expect(response.max_output_tokens).toBe(8);

    const stream = await openai().responses.create({
      model: "support",
      input: "What is Hearth?",
      max_output_tokens: 8,
      reasoning: { effort: "low" },
      stream: true,
    });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe("response.incomplete");
  });

  test("a stream cut upstream: an error event the SDK raises, never a completed response", async () => {
    simulator().setFaults({ cut: { afterTokens: 8, next: 1 } });
    const stream = await openai().responses.create({ model: "support", input: "Hi", stream: true });
    const types: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const event of stream) types.push(event.type);
      })(),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.message).toMatch(/mid-answer/);
    expect(types).not.toContain("response.completed");
  });

  test("the failure events, as a client reading the stream itself sees them", async () => {
    simulator().setFaults({ cut: { afterTokens: 8, next: 1 } });
    const response = await routeFetch(`${OPENAI_BASE_URL}/responses`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "support", input: "Hi", stream: true }),
    });
    const frames = (await response.text())
      .split("\n\n")
      .filter((frame) => frame.startsWith("event: "))
      .map((frame) => ({
        event: frame.split("\n")[0]!.slice("event: ".length),
        data: JSON.parse(frame.split("\n")[1]!.slice("data: ".length)) as Record<string, unknown>,
      }));
    const [error, failed] = frames.slice(-2);
    expect(error!.event).toBe("error");
    expect(error!.data).toMatchObject({
      type: "error",
      code: "UPSTREAM_ERROR",
      message: expect.stringMatching(/mid-answer/) as string,
      param: null,
      error: { code: "UPSTREAM_ERROR", message: expect.stringMatching(/mid-answer/) as string },
    });
    expect(failed!.event).toBe("response.failed");
    expect(failed!.data.response).toMatchObject({
      status: "failed",
      error: { code: "UPSTREAM_ERROR" },
      output: expect.arrayContaining([expect.objectContaining({ status: "incomplete" })]) as unknown[],
    });
    // The stored answer is failed too, and read back as such.
    const id = (failed!.data.response as { id: string }).id;
    const fetched = await openai().responses.retrieve(id);
    expect(fetched).toMatchObject({ status: "failed", error: { code: "UPSTREAM_ERROR" } });
  });
});

describe("function calling", () => {
  test("previous_response_id: the call, then its output continues the same conversation", async () => {
    const first = await openai().responses.create({
      model: "support",
      input: QUESTION,
      tools: [weatherTool],
    });
    expect(first.status).toBe("completed");
    const [call] = functionCalls(first);
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
    expect(call!.id).toMatch(/^fc_/);
    expect(JSON.parse(call!.arguments)).toEqual({ city: "Paris" });
    expect(first.output_text).toBe("");
    expect(first.tools).toEqual([{ ...weatherTool }]);

    const second = await openai().responses.create({
      model: "support",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: call!.call_id, output: WEATHER }],
      tools: [weatherTool],
    });
    expect(second.output_text).toContain(`using get_weather: ${WEATHER}`);
    expect(second.previous_response_id).toBe(first.id);
    expect(hearthOf(second).session_id).toBe(hearthOf(first).session_id);

    const stored = await getSession(master, "support", hearthOf(first).session_id);
    expect(stored.messages.map((row) => row.content)).toEqual([
      QUESTION,
      "",
      `Result of get_weather (${call!.call_id}): ${WEATHER}`,
      second.output_text,
    ]);
    expect(stored.messages[1]!.tool_calls).toEqual([
      { id: call!.call_id, type: "function", function: { name: "get_weather", arguments: call!.arguments } },
    ]);
    // Fetched, each says what it continued.
    expect((await openai().responses.retrieve(second.id)).previous_response_id).toBe(first.id);
    expect((await openai().responses.retrieve(first.id)).output).toEqual(first.output);
  });

  test("the whole conversation as input, with the first response's items echoed back", async () => {
    const first = await openai().responses.create({
      model: "support",
      input: QUESTION,
      tools: [weatherTool],
    });
    const [call] = functionCalls(first);
    const second = await openai().responses.create({
      model: "support",
      input: [
        { role: "user", content: QUESTION },
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        { type: "function_call_output", call_id: call!.call_id, output: WEATHER },
      ],
      tools: [weatherTool],
    });
    expect(second.output_text).toContain(`using get_weather: ${WEATHER}`);
    expect(second.previous_response_id).toBeNull();
    expect(hearthOf(second).session_id).not.toBe(hearthOf(first).session_id);
  });

  test("streamed: the call as an item with its arguments in pieces", async () => {
    const stream = await openai().responses.create({
      model: "support",
      input: QUESTION,
      tools: [weatherTool],
      stream: true,
    });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    const added = events.find(
      (event): event is OpenAI.Responses.ResponseOutputItemAddedEvent =>
        event.type === "response.output_item.added" && event.item.type === "function_call",
    );
    expect(added!.item).toMatchObject({ name: "get_weather", arguments: "", status: "in_progress" });
    const pieces = events.flatMap((event) =>
      event.type === "response.function_call_arguments.delta" ? [event.delta] : [],
    );
    // Pieces that reach Hearth together are merged (the engine's queue), so a loaded machine may
    // see one piece where a quiet one sees several; what they add up to is what counts.
    expect(pieces.length).toBeGreaterThanOrEqual(1);
    const done = events.find((event) => event.type === "response.function_call_arguments.done");
    expect(done).toMatchObject({ name: "get_weather", arguments: pieces.join(""), item_id: added!.item.id });
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(functionCalls(completed.response)).toEqual([
      { ...added!.item, arguments: pieces.join(""), status: "completed" },
    ]);
  });

  test("what reaches the model: instructions, items as chat turns, tools in the chat format", async () => {
    const fake = await fakeOpenAiServer([
      fakeChunk({ role: "assistant", content: "" }),
      fakeChunk({ content: "Done." }),
      fakeChunk({}, "stop"),
    ]);
    try {
      await createBackend(system, {
        name: "scripted",
        kind: "openai_compatible",
        base_url: fake.baseUrl,
        models: ["scripted-model"],
      });
      await createChatAssistant("scripted", { model: "scripted-model", instructions: "Be brief." });
      const scripted = clientFor((await createKeyActor("runtime", ["scripted"])).secret);
      const calls = ["call_1", "call_2"].map((call_id, index) => ({
        type: "function_call" as const,
        call_id,
        name: "get_weather",
        arguments: JSON.stringify({ city: ["Paris", "Rome"][index] }),
      }));
      const response = await scripted.responses.create({
        model: "scripted",
        instructions: "Use metric units.",
        input: [
          { role: "developer", content: "Today is Monday." },
          { role: "user", content: [{ type: "input_text", text: "Weather in Paris and Rome?" }] },
          { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Call both." }] },
          {
            type: "message",
            role: "assistant",
            id: "msg_1",
            status: "completed",
            content: [{ type: "output_text", text: "Checking.", annotations: [] }],
          },
          ...calls,
          { type: "function_call_output", call_id: "call_1", output: "Sunny" },
          { type: "function_call_output", call_id: "call_2", output: "Rain" },
        ],
        tools: [weatherTool],
        tool_choice: { type: "function", name: "get_weather" },
        parallel_tool_calls: true,
        temperature: 0.2,
      });
      expect(response.output_text).toBe("Done.");
      expect(response.temperature).toBe(0.2);

      const sent = fake.requests[0]!.body;
      expect(sent.messages).toEqual([
        { role: "system", content: "Be brief." },
        { role: "system", content: "Use metric units." },
        { role: "system", content: "Today is Monday." },
        { role: "user", content: "Weather in Paris and Rome?" },
        {
          role: "assistant",
          content: "Checking.",
          tool_calls: calls.map((call) => ({
            id: call.call_id,
            type: "function",
            function: { name: call.name, arguments: call.arguments },
          })),
        },
        { role: "tool", tool_call_id: "call_1", content: "Sunny" },
        { role: "tool", tool_call_id: "call_2", content: "Rain" },
      ]);
      expect(sent).toMatchObject({
        tools: [{ type: "function", function: { name: "get_weather", strict: true } }],
        tool_choice: { type: "function", function: { name: "get_weather" } },
        parallel_tool_calls: true,
        temperature: 0.2,
      });
      // The transcript stores the results where the question would be; the search looks for the question.
      const stored = await getSession(master, "scripted", hearthOf(response).session_id);
      expect(stored.messages[0]!.content).toBe(
        "Result of get_weather (call_1): Sunny\nResult of get_weather (call_2): Rain",
      );
    } finally {
      await fake.close();
    }
  });
});

describe("what is refused, by name", () => {
  test("a field, a tool type or an input item Hearth does not honour is a 400 that names it", async () => {
    const background = await post({ input: "Hi", background: true });
    expect(background.status).toBe(400);
    expect(background.text).toContain("background");
    const webSearch = await post({ input: "Hi", tools: [{ type: "web_search" }] });
    expect(webSearch.status).toBe(400);
    expect(webSearch.text).toContain("tools of type 'web_search' are not supported");
    const image = await post({
      input: [{ role: "user", content: [{ type: "input_image", image_url: "http://x/y.png" }] }],
    });
    expect(image.status).toBe(400);
    expect(image.text).toContain("content parts of type 'input_image' are not supported");
    const reference = await post({ input: [{ type: "item_reference", id: "msg_1" }] });
    expect(reference.status).toBe(400);
    expect(reference.text).toContain("input items of type 'item_reference' are not supported");
    const include = await post({ input: "Hi", include: ["reasoning.encrypted_content"] });
    expect(include.status).toBe(400);
    expect(include.text).toContain("reasoning.encrypted_content");
    const format = await post({ input: "Hi", text: { format: { type: "json_object" } } });
    expect(format.status).toBe(400);
  });

  test("a function_call_output must answer a call just before it; the input ends with a question or results", async () => {
    const orphan = await post({
      input: [
        { role: "user", content: "Hi" },
        { type: "function_call_output", call_id: "call_nobody", output: "42" },
      ],
    });
    expect(orphan.status).toBe(400);
    expect(orphan.text).toContain("call_nobody");
    const endsWithAnswer = await post({
      input: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello" },
      ],
    });
    expect(endsWithAnswer.status).toBe(400);
    expect(endsWithAnswer.text).toContain("must end with a user message or with function_call_output items");
    const choice = await post({
      input: "Hi",
      tools: [weatherTool],
      tool_choice: { type: "function", name: "get_time" },
    });
    expect(choice.status).toBe(400);
    expect(choice.text).toContain("get_time");
  });

  test("a previous response's call may be answered; another's call id may not, nor metadata or store: false", async () => {
    const first = await openai().responses.create({
      model: "support",
      input: QUESTION,
      tools: [weatherTool],
    });
    const wrongCall = await post({
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: "call_elsewhere", output: WEATHER }],
    });
    expect(wrongCall.status).toBe(400);
    expect(wrongCall.text).toContain("call_elsewhere");
    const metadata = await post({ previous_response_id: first.id, input: "Next", metadata: { a: "b" } });
    expect(metadata.status).toBe(400);
    expect(metadata.text).toContain("metadata");
    const unstored = await post({ previous_response_id: first.id, input: "Next", store: false });
    expect(unstored.status).toBe(400);
    expect(unstored.text).toContain("store");
  });

  test("only the latest response of a conversation may be continued (409 naming the latest)", async () => {
    const first = await openai().responses.create({ model: "support", input: "One" });
    const second = await openai().responses.create({
      model: "support",
      input: "Two",
      previous_response_id: first.id,
    });
    const error = await rejectionOf<InstanceType<typeof OpenAI.ConflictError>>(
      openai().responses.create({ model: "support", input: "Three", previous_response_id: first.id }),
    );
    expect(error).toBeInstanceOf(OpenAI.ConflictError);
    expect(error.message).toContain(second.id);
  });
});

describe("what is not found", () => {
  test("unknown ids, for GET and as previous_response_id", async () => {
    for (const id of ["resp_0123456789abcdef01234567", "nothing-like-an-id"]) {
      expect(await rejectionOf(openai().responses.retrieve(id))).toBeInstanceOf(OpenAI.NotFoundError);
      const error = await rejectionOf(
        openai().responses.create({ model: "support", input: "Hi", previous_response_id: id }),
      );
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    }
  });

  test("another assistant's response: not found, whoever asks, with nothing of it shown", async () => {
    const anyKey = clientFor((await createKeyActor("runtime")).secret);
    const sales = await anyKey.responses.create({ model: "sales", input: "Prices?" });
    // A key for support only: as if it did not exist.
    const notMine = await rejectionOf<InstanceType<typeof OpenAI.NotFoundError>>(
      openai().responses.retrieve(sales.id),
    );
    expect(notMine).toBeInstanceOf(OpenAI.NotFoundError);
    expect(notMine.message).not.toContain("sales");
    // A key that may use both: continuing sales' response as support is not found either.
    const crossed = await rejectionOf(
      anyKey.responses.create({ model: "support", input: "Hi", previous_response_id: sales.id }),
    );
    expect(crossed).toBeInstanceOf(OpenAI.NotFoundError);
    expect((await anyKey.responses.retrieve(sales.id)).output_text).toBe(sales.output_text);
  });

  test("store: false is recorded, but neither fetched nor continued", async () => {
    const response = await openai().responses.create({
      model: "support",
      input: "Hi",
      store: false,
      metadata: { ticket: "T-1" },
    });
    expect(response).toMatchObject({ store: false, metadata: { ticket: "T-1" } });
    expect(await rejectionOf(openai().responses.retrieve(response.id))).toBeInstanceOf(OpenAI.NotFoundError);
    const next = await rejectionOf(
      openai().responses.create({ model: "support", input: "Next", previous_response_id: response.id }),
    );
    expect(next).toBeInstanceOf(OpenAI.NotFoundError);
    const session = await getDb().chatSession.findUniqueOrThrow({
      where: { id: hearthOf(response).session_id },
    });
    expect(session.metadata).toEqual({ ticket: "T-1", "openai.store": "false" });
    expect(session.messageCount).toBe(2);
  });
});

describe("the OpenAI Agents SDK", () => {
  beforeAll(() => {
    // As an application configures it, once; the key is read per request (each test makes its own).
    setDefaultOpenAIClient(
      new OpenAI({
        baseURL: OPENAI_BASE_URL,
        apiKey: () => Promise.resolve(key),
        fetch: routeFetch,
        maxRetries: 0,
      }),
    );
    setOpenAIAPI("responses");
    setTracingDisabled(true);
  });
  afterAll(() => setOpenAIAPI("chat_completions"));

  function weatherAgent() {
    const asked: string[] = [];
    const getWeather = tool({
      name: "get_weather",
      description: "The weather in a city",
      parameters: z.object({ city: z.string() }),
      execute: ({ city }) => {
        asked.push(city);
        return WEATHER;
      },
    });
    const agent = new Agent({
      name: "Weather",
      instructions: "Answer briefly.",
      model: "support",
      tools: [getWeather],
    });
    return { agent, asked };
  }

  test("run: the tool is called and the answer uses its result", async () => {
    const { agent, asked } = weatherAgent();
    const result = await run(agent, "Use get_weather with city=Paris");
    expect(asked).toEqual(["Paris"]);
    expect(result.finalOutput).toContain(`using get_weather: ${WEATHER}`);

    // Continued by the last response's id: the conversation is the stored session.
    const next = await run(agent, "Use get_weather with city=Rome", {
      previousResponseId: result.lastResponseId,
    });
    expect(asked).toEqual(["Paris", "Rome"]);
    expect(next.finalOutput).toContain(`using get_weather: ${WEATHER}`);
    const sessionOf = async (id: string | undefined) =>
      hearthOf(await openai().responses.retrieve(id!)).session_id;
    expect(await sessionOf(next.lastResponseId)).toBe(await sessionOf(result.lastResponseId));
  });

  test("streamed run: text deltas, then the same final answer", async () => {
    const { agent, asked } = weatherAgent();
    const result = await run(agent, "Use get_weather with city=Paris", { stream: true });
    let text = "";
    for await (const event of result) {
      if (event.type === "raw_model_stream_event" && event.data.type === "output_text_delta")
        text += event.data.delta;
    }
    await result.completed;
    expect(asked).toEqual(["Paris"]);
    expect(result.finalOutput).toContain(`using get_weather: ${WEATHER}`);
    expect(text).toContain(`using get_weather: ${WEATHER}`);
  });
});
