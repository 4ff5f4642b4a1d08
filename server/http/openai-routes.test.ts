// The OpenAI-compatible facade driven by the official `openai` client, whose fetch is routed to
// the route handlers in-process (no server): what an application using the SDK sees, including
// the SDK's error classes and a stream that breaks mid-answer.
import OpenAI from "openai";
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import { setAssistantEnabled } from "@/server/services/assistants/set-assistant-enabled";
import { promptTokenCount } from "@/server/simulator/text";
import { createKeyActor, master } from "@/server/test/actors";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile, waitFor } from "@/server/test/chat";
import { OPENAI_BASE_URL, routeFetch } from "@/server/test/openai-route-fetch";
import { rejectionOf } from "@/server/test/rejection";

const clientFor = (apiKey: string) =>
  new OpenAI({ baseURL: OPENAI_BASE_URL, apiKey, fetch: routeFetch, maxRetries: 0 });

const simulator = simulatorForFile();
let client: OpenAI;

beforeEach(async () => {
  simulator().clearFaults();
  await registerSimulatorBackend(simulator());
  await createChatAssistant("support", { instructions: "Answer briefly." });
  await createChatAssistant("sales");
  await createChatAssistant("archived", { enabled: false });
  client = clientFor((await createKeyActor("runtime", ["support"])).secret);
});

describe("models", () => {
  test("lists the enabled assistants the key may use", async () => {
    const limited = await client.models.list();
    expect(limited.data.map((model) => model.id)).toEqual(["support"]);
    expect(limited.data[0]).toMatchObject({ object: "model", owned_by: "hearth" });
    expect(limited.data[0]?.created).toEqual(expect.any(Number));

    const anyAssistant = clientFor((await createKeyActor("runtime")).secret);
    expect((await anyAssistant.models.list()).data.map((model) => model.id)).toEqual(["support", "sales"]);
  });

  test("an unknown key is an AuthenticationError", async () => {
    const error = await rejectionOf(clientFor("hth_not_a_key_0123456789abcdefghij").models.list());
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  });
});

describe("chat completions", () => {
  test("non-streaming: the answer, its reasoning and usage; the messages are the conversation", async () => {
    const completion = await client.chat.completions.create({
      model: "support",
      messages: [
        { role: "developer", content: "Be nice." },
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Hi! How can I help?" },
        { role: "user", content: "What is Hearth?" },
      ],
    });

    const choice = completion.choices[0]!;
    expect(completion.object).toBe("chat.completion");
    expect(choice.message.role).toBe("assistant");
    expect(choice.message.content).toMatch(/^Simulated answer to: What is Hearth\?/);
    expect((choice.message as unknown as { reasoning_content: string }).reasoning_content).toBe(
      "Simulated reasoning at medium",
    );
    expect(choice.finish_reason).toBe("stop");
    expect(completion.usage).toEqual({
      // The assistant's instructions, then the caller's messages (developer as system).
      prompt_tokens: promptTokenCount([
        { role: "system", content: "Answer briefly." },
        { role: "system", content: "Be nice." },
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Hi! How can I help?" },
        { role: "user", content: "What is Hearth?" },
      ]),
      completion_tokens: 24,
      total_tokens: completion.usage!.prompt_tokens + 24,
    });

    // Stored like any exchange: the question and the answer (not the caller's history).
    const hearth = (completion as unknown as { hearth: { session_id: string } }).hearth;
    const stored = await getDb().message.findMany({ where: { sessionId: hearth.session_id } });
    expect(stored.map((row) => row.content).sort()).toEqual(
      [choice.message.content, "What is Hearth?"].sort(),
    );
  });

  test("request parameters override the assistant's", async () => {
    const completion = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 6,
      reasoning_effort: "low",
    });
    expect(completion.usage?.completion_tokens).toBe(6);
    expect(
      (completion.choices[0]!.message as unknown as { reasoning_content: string }).reasoning_content,
    ).toBe("Simulated reasoning");
  });

  test("streaming: chunks, a finish reason, the usage chunk, and a clean end", async () => {
    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "What is Hearth?" }],
      stream: true,
      stream_options: { include_usage: true },
    });

    let content = "";
    let reasoning = "";
    const finishes: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    const ids = new Set<string>();
    for await (const chunk of stream) {
      ids.add(chunk.id);
      expect(chunk.object).toBe("chat.completion.chunk");
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices[0];
      if (!choice) continue;
      content += choice.delta.content ?? "";
      reasoning += (choice.delta as { reasoning_content?: string }).reasoning_content ?? "";
      if (choice.finish_reason) finishes.push(choice.finish_reason);
    }

    expect(content).toMatch(/^Simulated answer to: What is Hearth\?/);
    expect(reasoning).toBe("Simulated reasoning at medium");
    expect(finishes).toEqual(["stop"]);
    expect(usage).toMatchObject({ completion_tokens: 24 });
    expect(ids.size).toBe(1);
  });

  test("streaming without include_usage sends no usage chunk", async () => {
    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  test("a stream cut upstream makes the SDK's iterator throw, never end quietly", async () => {
    simulator().setFaults({ cut: { afterTokens: 8, next: 1 } });
    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });
    let content = "";

    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
      })(),
    );

    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.message).toMatch(/mid-answer/);
    expect(content.length).toBeGreaterThan(0);
  });

  test("a client that stops reading the stream cancels the generation upstream", async () => {
    // Held upstream after a few tokens, so the generation is still running when the client leaves.
    simulator().setFaults({ stall: { afterTokens: 6, durationMs: 3_000, next: 1 } });
    const before = simulator().stats().aborted;
    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });

    let messageId = "";
    for await (const chunk of stream) {
      messageId = chunk.id.replace(/^chatcmpl-/, "");
      if (chunk.choices[0]?.delta.content) break;
    }

    await waitFor(() => simulator().stats().aborted === before + 1);
    await waitFor(
      async () => (await getDb().message.findUnique({ where: { id: messageId } }))?.status === "cancelled",
    );
  });

  test("errors are the SDK's error classes", async () => {
    const create = (
      model: string,
      messages: OpenAI.ChatCompletionMessageParam[] = [{ role: "user", content: "Hi" }],
    ) => rejectionOf(client.chat.completions.create({ model, messages }));

    expect(await create("sales")).toBeInstanceOf(OpenAI.PermissionDeniedError);
    const unrestricted = clientFor((await createKeyActor("runtime")).secret);
    expect(
      await rejectionOf(
        unrestricted.chat.completions.create({
          model: "nobody",
          messages: [{ role: "user", content: "Hi" }],
        }),
      ),
    ).toBeInstanceOf(OpenAI.NotFoundError);
    await setAssistantEnabled(master, "support", false);
    expect(await create("support")).toBeInstanceOf(OpenAI.ConflictError);
    await setAssistantEnabled(master, "support", true);
    expect(await create("support", [{ role: "assistant", content: "Hi" }])).toBeInstanceOf(
      OpenAI.BadRequestError,
    );

    simulator().setFaults({ rateLimit: { retryAfterSeconds: 3, next: 1 } });
    const limited = await create("support");
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("3");
  });
});

describe("an upstream's error answer never reaches the SDK (issue 13, item 5)", () => {
  const upstream = "internal note: weights at /srv/private-models, key sk-upstream-123";

  test("non-streaming and streaming errors carry Hearth's message, not the upstream's body", async () => {
    simulator().setFaults({ error: { status: 400, message: upstream, next: 2 } });
    const error = await rejectionOf<InstanceType<typeof OpenAI.APIError>>(
      client.chat.completions.create({ model: "support", messages: [{ role: "user", content: "Hi" }] }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(502);
    expect(error.message).toContain("The model server could not answer this request");
    expect(JSON.stringify({ message: error.message, body: error.error })).not.toMatch(
      /srv|sk-upstream|\bsim\b/,
    );

    const stream = await client.chat.completions.create({
      model: "support",
      messages: [{ role: "user", content: "Hi" }],
      stream: true,
    });
    const streamed = await rejectionOf<Error>(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
    );
    expect(streamed.message).toContain("The model server could not answer this request");
    expect(streamed.message).not.toMatch(/srv|sk-upstream/);
  });
});
