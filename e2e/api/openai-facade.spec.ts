// The OpenAI-compatible facade through the official `openai` SDK, as an integrator would use it:
// models are the enabled assistants the key may use, completions with and without streaming, a
// broken stream that the SDK reports (never a silently short answer), and the SDK's error classes.
import OpenAI, {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";
import { expect, test } from "../fixtures";
import {
  createAssistant,
  createRuntimeKey,
  type List,
  type Session,
  type SessionDetail,
} from "../support/runtime-api";

/** The facade's additions to a completion. */
interface HearthExtras {
  hearth: { session_id: string; message_id: string; rag: { decision: string }; citations: unknown[] };
}

const client = (baseURL: string | undefined, apiKey: string) =>
  new OpenAI({ baseURL: `${baseURL}/v1`, apiKey, maxRetries: 0 });

test.describe("GET /v1/models", () => {
  test("lists the enabled assistants as models; a restricted key sees only its own", async ({
    api,
    adminKey,
    baseURL,
    uniqueId,
  }) => {
    const shown = await createAssistant(api, uniqueId("model-on"));
    const hidden = await createAssistant(api, uniqueId("model-off"), { enabled: false });
    const unlisted = await createAssistant(api, uniqueId("model-other"));

    const all = (await client(baseURL, adminKey).models.list()).data;
    const ids = all.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining([shown, unlisted]));
    expect(ids).not.toContain(hidden);
    const model = all.find((entry) => entry.id === shown)!;
    expect(model).toEqual({ id: shown, object: "model", created: expect.any(Number), owned_by: "hearth" });
    expect(Math.abs(model.created * 1000 - Date.now())).toBeLessThan(5 * 60_000);

    const restricted = client(baseURL, await createRuntimeKey(api, [shown, hidden]));
    expect((await restricted.models.list()).data.map((entry) => entry.id)).toEqual([shown]);
  });

  test("AuthenticationError (401) for a bad key", async ({ baseURL }) => {
    const error = await client(baseURL, `hth_${"0".repeat(40)}`)
      .models.list()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
  });
});

test.describe("POST /v1/chat/completions", () => {
  test("a completion: the answer, its usage and where Hearth stored it", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("complete"));
    const completion = await client(baseURL, runtimeKey.key).chat.completions.create({
      model: id,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Name a colour" },
      ],
      user: "olivia",
    });
    expect(completion).toMatchObject({ object: "chat.completion", model: id });
    expect(completion.id).toMatch(/^chatcmpl-/);
    const [choice] = completion.choices;
    expect(completion.choices).toHaveLength(1);
    expect(choice).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant" } });
    expect(choice!.message.content).toContain("Simulated answer to: Name a colour");
    const usage = completion.usage!;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);

    const { hearth } = completion as unknown as HearthExtras;
    expect(hearth.session_id).toMatch(/^sess_/);
    expect(completion.id).toBe(`chatcmpl-${hearth.message_id}`);
    expect(hearth.rag.decision).toBe("forwarded");
    const detail = (await (
      await api.get(`/assistants/${id}/sessions/${hearth.session_id}`)
    ).json()) as SessionDetail;
    expect(detail.user).toBe("olivia");
    expect(detail.messages.map((message) => [message.role, message.content, message.status])).toEqual([
      ["user", "Name a colour", "completed"],
      ["assistant", choice!.message.content, "completed"],
    ]);
  });

  test("a stream with include_usage: the chunks add up to the answer, then a usage chunk", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("chunks"));
    const stream = await client(baseURL, runtimeKey.key).chat.completions.create({
      model: id,
      messages: [{ role: "user", content: "Stream it" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    const finishReasons: string[] = [];
    const usages: OpenAI.CompletionUsage[] = [];
    const chunkIds = new Set<string>();
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      expect(chunk.model).toBe(id);
      chunkIds.add(chunk.id);
      content += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) finishReasons.push(chunk.choices[0].finish_reason);
      if (chunk.usage) {
        expect(chunk.choices).toEqual([]);
        usages.push(chunk.usage);
      }
    }
    expect(content).toContain("Simulated answer to: Stream it");
    expect(finishReasons).toEqual(["stop"]);
    expect(usages).toHaveLength(1);
    expect(usages[0]!.total_tokens).toBe(usages[0]!.prompt_tokens + usages[0]!.completion_tokens);
    expect(chunkIds.size).toBe(1);

    const sessions = (await (await api.get(`/assistants/${id}/sessions`)).json()) as List<Session>;
    expect(sessions.total).toBe(1);
    const detail = (await (
      await api.get(`/assistants/${id}/sessions/${sessions.data[0]!.id}`)
    ).json()) as SessionDetail;
    expect(detail.messages[1]).toMatchObject({ status: "completed", content });
    expect([...chunkIds]).toEqual([`chatcmpl-${detail.messages[1]!.id}`]);
  });

  test("a stream without include_usage has no usage chunk", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("nousage"));
    const stream = await client(baseURL, runtimeKey.key).chat.completions.create({
      model: id,
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      expect(chunk.usage ?? null).toBeNull();
      expect(chunk.choices).toHaveLength(1);
    }
    expect(chunks).toBeGreaterThan(2);
  });

  test("a stream cut by the model server makes the SDK's iterator throw after the partial answer", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("cut"), {
      model: llm.model,
      generation: { reasoning_effort: "low" },
    });
    llm.sim.setFaults({ cut: { afterTokens: 20, next: 1 } });
    const stream = await client(baseURL, runtimeKey.key).chat.completions.create({
      model: id,
      messages: [{ role: "user", content: "Finish this sentence" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    let finished = false;
    const error = await (async () => {
      for await (const chunk of stream) {
        content += chunk.choices[0]?.delta.content ?? "";
        if (chunk.choices[0]?.finish_reason || chunk.usage) finished = true;
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).message).toMatch(/model server/i);
    expect(content.length).toBeGreaterThan(0);
    expect(finished).toBe(false);
  });

  test("leaving the SDK's stream early cancels the generation upstream", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("leave"), { model: llm.model });
    const before = llm.sim.stats();
    // Left alone, the model would answer after 3 s; only leaving the stream can stop it sooner.
    llm.sim.setFaults({ slowStart: { extraMs: 3000, next: 1 } });
    const stream = await client(baseURL, runtimeKey.key).chat.completions.create({
      model: id,
      messages: [{ role: "user", content: "Never mind" }],
      stream: true,
    });
    for await (const chunk of stream) {
      expect(chunk.choices[0]?.delta.role).toBe("assistant");
      // Leave once the model server has the request (before that, it is never called at all).
      await expect.poll(() => llm.sim.stats().requests).toBe(before.requests + 1);
      break;
    }
    await expect
      .poll(() => llm.sim.stats().aborted, { timeout: 2000, intervals: [50] })
      .toBe(before.aborted + 1);
    expect(llm.sim.stats().completed).toBe(before.completed);
  });

  test("the SDK's error classes: BadRequest, NotFound, Authentication, PermissionDenied, Conflict, RateLimit", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("errors"), { model: llm.model });
    const messages = [{ role: "user" as const, content: "Hi" }];
    const attempt = (apiKey: string, model: string) =>
      client(baseURL, apiKey)
        .chat.completions.create({ model, messages })
        .catch((caught: unknown) => caught);

    for (const body of [
      { model: id, messages: [] },
      { model: id, messages: [{ role: "assistant" as const, content: "I speak last" }] },
      { model: id, messages, n: 2 },
    ]) {
      const invalid = await client(baseURL, runtimeKey.key)
        .chat.completions.create(body)
        .catch((caught: unknown) => caught);
      expect(invalid).toBeInstanceOf(BadRequestError);
      expect((invalid as BadRequestError).status).toBe(400);
    }

    const unknown = await attempt(runtimeKey.key, uniqueId("no-such-assistant"));
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as NotFoundError).status).toBe(404);

    const badKey = await attempt(`hth_${"1".repeat(40)}`, id);
    expect(badKey).toBeInstanceOf(AuthenticationError);
    expect((badKey as AuthenticationError).status).toBe(401);

    const otherKey = await createRuntimeKey(api, [await createAssistant(api, uniqueId("elsewhere"))]);
    expect(await attempt(otherKey, id)).toBeInstanceOf(PermissionDeniedError);

    expect((await api.post(`/admin/assistants/${id}/disable`)).status()).toBe(200);
    expect(await attempt(runtimeKey.key, id)).toBeInstanceOf(ConflictError);
    expect((await api.post(`/admin/assistants/${id}/enable`)).status()).toBe(200);

    llm.sim.setFaults({ rateLimit: { retryAfterSeconds: 1, next: 1 } });
    const limited = await attempt(runtimeKey.key, id);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers?.get("retry-after")).toBe("1");
    // Hearth rests the backend for its Retry-After before asking it again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    // And with the fault spent, the same call succeeds.
    expect(await attempt(runtimeKey.key, id)).toMatchObject({ object: "chat.completion" });
  });
});

test.describe("function calling through /v1/chat/completions", () => {
  const weather: OpenAI.ChatCompletionTool = {
    type: "function",
    function: {
      name: "get_weather",
      description: "The weather in a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  };

  test("the SDK's tool runner, streamed: a call, its result, the answer; the transcript keeps the call", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("tools"));
    const asked: string[] = [];
    const runner = client(baseURL, runtimeKey.key).chat.completions.runTools({
      model: id,
      stream: true,
      messages: [{ role: "user", content: "Use get_weather with city=Lyon" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "The weather in a city",
            parameters: weather.function.parameters!,
            parse: (text: string) => JSON.parse(text) as { city: string },
            function: ({ city }: { city: string }) => {
              asked.push(city);
              return "Rain, 9 C";
            },
          },
        },
      ],
    });
    expect(await runner.finalContent()).toContain("using get_weather: Rain, 9 C");
    expect(asked).toEqual(["Lyon"]);

    const sessions = (await (await api.get(`/assistants/${id}/sessions`)).json()) as List<Session>;
    expect(sessions.total).toBe(2);
    const details = await Promise.all(
      sessions.data.map(
        async (session) =>
          (await (await api.get(`/assistants/${id}/sessions/${session.id}`)).json()) as {
            messages: { tool_calls?: { function: { name: string; arguments: string } }[] }[];
          },
      ),
    );
    const calls = details.flatMap((detail) => detail.messages.flatMap((message) => message.tool_calls ?? []));
    expect(calls).toEqual([
      expect.objectContaining({ function: { name: "get_weather", arguments: '{"city":"Lyon"}' } }),
    ]);
  });

  test("a field Hearth does not honour is a BadRequestError naming it", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("tools-refused"));
    const error = await client(baseURL, runtimeKey.key)
      .chat.completions.create({
        model: id,
        messages: [{ role: "user", content: "Hi" }],
        logit_bias: { "1": 5 },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain("logit_bias");
  });
});

test.describe("POST /v1/responses", () => {
  test("a response: the answer, its usage and where Hearth stored it, fetched back by its id", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("response"));
    const openai = client(baseURL, runtimeKey.key);
    const response = await openai.responses.create({ model: id, input: "Name a colour" });
    expect(response).toMatchObject({ object: "response", model: id, status: "completed", error: null });
    expect(response.output_text).toContain("Simulated answer to: Name a colour");
    const usage = response.usage!;
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);

    const { hearth } = response as unknown as HearthExtras;
    expect(response.id).toBe(hearth.message_id.replace(/^msg_/, "resp_"));
    const detail = (await (
      await api.get(`/assistants/${id}/sessions/${hearth.session_id}`)
    ).json()) as SessionDetail;
    expect(detail.messages.map((message) => [message.role, message.content, message.status])).toEqual([
      ["user", "Name a colour", "completed"],
      ["assistant", response.output_text, "completed"],
    ]);
    const fetched = await openai.responses.retrieve(response.id);
    expect(fetched.output).toEqual(response.output);
  });

  test("a stream: numbered events whose text deltas add up to the completed response", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("response-stream"));
    const stream = await client(baseURL, runtimeKey.key).responses.create({
      model: id,
      input: "Stream it",
      stream: true,
    });
    const types: string[] = [];
    let text = "";
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      expect(event.sequence_number).toBe(types.length);
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(types.slice(0, 2)).toEqual(["response.created", "response.in_progress"]);
    expect(types.at(-1)).toBe("response.completed");
    expect(text).toContain("Simulated answer to: Stream it");
    expect(completed).toMatchObject({ status: "completed", output_text: text, model: id });
  });
});
