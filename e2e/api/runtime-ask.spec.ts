// POST /assistants/{id}/ask against the vLLM simulator: the documented answer, reasoning on
// request, continued sessions, every refusal before the model is called, and the model server's
// failures (429, 5xx, a stall, no backend) as documented errors with the exchange still recorded.
import { bearer, expect, expectApiError, raw, test } from "../fixtures";
import { RUNTIME_LIMITS, SIM_MODEL } from "../support/env";
import {
  createAssistant,
  createRuntimeKey,
  sessionDetail,
  type AskResponse,
  type List,
  type Message,
  type Session,
} from "../support/runtime-api";

const ASK_FIELDS = [
  "answer",
  "backend",
  "citations",
  "finish_reason",
  "message_id",
  "model",
  "question_id",
  "rag",
  "session_id",
  "timings",
  "usage",
];

test.describe("POST /assistants/{id}/ask", () => {
  test("answers with the documented shape, through the env backend", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("ask"));
    const response = await request.post(`/assistants/${id}/ask`, {
      headers: bearer(runtimeKey.key),
      data: { message: "What is the capital of France?" },
    });
    expect(response.status(), await response.text()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    expect(response.headers()["x-request-id"]).toBeTruthy();
    const body = (await response.json()) as AskResponse;
    expect(Object.keys(body).sort()).toEqual(ASK_FIELDS);
    expect(body.answer).toContain("Simulated answer to: What is the capital of France?");
    expect(body.session_id).toMatch(/^sess_[0-9a-f]{24}$/);
    expect(body.message_id).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(body.citations).toEqual([]);
    expect(body.rag).toEqual({
      decision: "forwarded",
      top_score: null,
      threshold: expect.any(Number),
      passages: 0,
    });
    expect(body.model).toBe(SIM_MODEL);
    expect(body.backend).toBe("env-llm");
    expect(body.finish_reason).toBe("stop");
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    const { queue_ms, ttft_ms, total_ms } = body.timings;
    expect(queue_ms).toBeGreaterThanOrEqual(0);
    expect(ttft_ms).not.toBeNull();
    expect(ttft_ms!).toBeGreaterThanOrEqual(queue_ms);
    expect(ttft_ms!).toBeLessThanOrEqual(total_ms);

    // The exchange is stored as it was answered.
    const detail = await sessionDetail(api, id, body.session_id);
    expect(detail).toMatchObject({ id: body.session_id, assistant_id: id, message_count: 2, user: null });
    expect(detail.messages.map((message) => [message.role, message.status])).toEqual([
      ["user", "completed"],
      ["assistant", "completed"],
    ]);
    expect(detail.messages[0]!.content).toBe("What is the capital of France?");
    expect(detail.messages[1]).toMatchObject({
      id: body.message_id,
      content: body.answer,
      error: null,
      model: SIM_MODEL,
      backend_id: "be_env_llm",
      usage: body.usage,
    });
  });

  test("returns the reasoning only with reasoning: true, and stores it either way", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("reason"));
    const ask = async (data: object) => {
      const response = await request.post(`/assistants/${id}/ask`, { headers: bearer(runtimeKey.key), data });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as AskResponse;
    };
    const plain = await ask({ message: "Why is the sky blue?" });
    expect(plain).not.toHaveProperty("reasoning");
    const off = await ask({ message: "Why is the sky blue?", reasoning: false });
    expect(off).not.toHaveProperty("reasoning");
    const reasoned = await ask({ message: "Why is the sky blue?", reasoning: true });
    expect(Object.keys(reasoned).sort()).toEqual([...ASK_FIELDS, "reasoning"].sort());
    expect(reasoned.reasoning!.length).toBeGreaterThan(0);
    expect(reasoned.answer).not.toContain(reasoned.reasoning!);

    const stored = await sessionDetail(api, id, plain.session_id);
    expect(stored.messages[1]!.reasoning?.length).toBeGreaterThan(0);
  });

  test("finish_reason is length when max_output_tokens cuts the answer short", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    // Low effort reasons for 16 tokens; a bound of 20 leaves 4 for the answer.
    const id = await createAssistant(api, uniqueId("bounded"), {
      generation: { max_output_tokens: 20, reasoning_effort: "low" },
    });
    const response = await request.post(`/assistants/${id}/ask`, {
      headers: bearer(runtimeKey.key),
      data: { message: "Say a lot" },
    });
    expect(response.status(), await response.text()).toBe(200);
    const body = (await response.json()) as AskResponse;
    expect(body.finish_reason).toBe("length");
    expect(body.usage.completion_tokens).toBe(20);
    expect(body.answer.length).toBeGreaterThan(0);
  });

  test("continues a session: same session_id, history in the prompt, four messages in order", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("continue"));
    const headers = bearer(runtimeKey.key);
    const first = (await (
      await request.post(`/assistants/${id}/ask`, {
        headers,
        data: { message: "First question", user: "ada" },
      })
    ).json()) as AskResponse;
    const response = await request.post(`/assistants/${id}/ask`, {
      headers,
      data: { message: "Second question", session_id: first.session_id, user: "ada" },
    });
    expect(response.status(), await response.text()).toBe(200);
    const second = (await response.json()) as AskResponse;
    expect(second.session_id).toBe(first.session_id);
    expect(second.message_id).not.toBe(first.message_id);
    // The first exchange went into the second prompt.
    expect(second.usage.prompt_tokens).toBeGreaterThan(first.usage.prompt_tokens);

    const detail = await sessionDetail(api, id, first.session_id);
    expect(detail.message_count).toBe(4);
    expect(detail.user).toBe("ada");
    expect(
      detail.messages.map((message: Message) => [message.role, message.content, message.status]),
    ).toEqual([
      ["user", "First question", "completed"],
      ["assistant", first.answer, "completed"],
      ["user", "Second question", "completed"],
      ["assistant", second.answer, "completed"],
    ]);
    const times = detail.messages.map((message) => Date.parse(message.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(detail.last_message_at).not.toBeNull();
  });
});

test.describe("POST /assistants/{id}/ask refusals", () => {
  test("401 UNAUTHORIZED without a key or with a bogus one", async ({ api, request, uniqueId }) => {
    const id = await createAssistant(api, uniqueId("noauth"));
    for (const headers of [{}, bearer(`hth_${"x".repeat(40)}`), { authorization: "Basic YTpi" }]) {
      await expectApiError(
        await request.post(`/assistants/${id}/ask`, { headers, data: { message: "Hi" } }),
        401,
        "UNAUTHORIZED",
      );
    }
  });

  test("403 FORBIDDEN with a runtime key of another assistant", async ({ api, request, uniqueId }) => {
    const mine = await createAssistant(api, uniqueId("mine"));
    const theirs = await createAssistant(api, uniqueId("theirs"));
    const key = await createRuntimeKey(api, [theirs]);
    await expectApiError(
      await request.post(`/assistants/${mine}/ask`, { headers: bearer(key), data: { message: "Hi" } }),
      403,
      "FORBIDDEN",
    );
    const own = await request.post(`/assistants/${theirs}/ask`, {
      headers: bearer(key),
      data: { message: "Hi" },
    });
    expect(own.status(), await own.text()).toBe(200);
  });

  test("404 NOT_FOUND for an unknown assistant", async ({ request, runtimeKey, uniqueId }) => {
    await expectApiError(
      await request.post(`/assistants/${uniqueId("ghost")}/ask`, {
        headers: bearer(runtimeKey.key),
        data: { message: "Hi" },
      }),
      404,
      "NOT_FOUND",
    );
  });

  test("409 ASSISTANT_DISABLED while disabled, answers again once enabled", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("toggle"));
    const ask = () =>
      request.post(`/assistants/${id}/ask`, { headers: bearer(runtimeKey.key), data: { message: "Hi" } });
    expect((await api.post(`/admin/assistants/${id}/disable`)).status()).toBe(200);
    await expectApiError(await ask(), 409, "ASSISTANT_DISABLED");
    expect((await api.post(`/admin/assistants/${id}/enable`)).status()).toBe(200);
    const again = await ask();
    expect(again.status(), await again.text()).toBe(200);
  });

  test("400 INVALID_INPUT for an empty message, a bad or unknown field, or malformed JSON", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("invalid"));
    const headers = bearer(runtimeKey.key);
    for (const data of [
      { message: "" },
      { message: "   \n\t" },
      {},
      { message: 42 },
      { message: "Hi", reasoning: "yes" },
      { message: "Hi", session_id: "" },
      { message: "Hi", user: "" },
      { message: "Hi", metadata: { k: 1 } },
    ]) {
      await expectApiError(
        await request.post(`/assistants/${id}/ask`, { headers, data }),
        400,
        "INVALID_INPUT",
      );
    }
    const unknown = await expectApiError(
      await request.post(`/assistants/${id}/ask`, { headers, data: { message: "Hi", temperature: 0.2 } }),
      400,
      "INVALID_INPUT",
    );
    expect(unknown.error.message).toContain("temperature");
    for (const text of ['{"message": "Hi"', "[]", '"Hi"']) {
      await expectApiError(
        await request.post(`/assistants/${id}/ask`, {
          headers: { ...headers, "content-type": "application/json" },
          data: raw(text),
        }),
        400,
        "INVALID_INPUT",
      );
    }
  });

  test("413 PAYLOAD_TOO_LARGE for a message over HEARTH_MAX_MESSAGE_CHARS; at the limit it is answered", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("long"));
    const headers = bearer(runtimeKey.key);
    const limit = RUNTIME_LIMITS.maxMessageChars;
    const body = await expectApiError(
      await request.post(`/assistants/${id}/ask`, { headers, data: { message: "x".repeat(limit + 1) } }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expect(body.error.message).toContain(String(limit));
    const atLimit = await request.post(`/assistants/${id}/ask`, {
      headers,
      data: { message: "y".repeat(limit) },
    });
    expect(atLimit.status(), await atLimit.text()).toBe(200);
    // Nothing was stored for the refused message.
    const sessions = (await (await api.get(`/assistants/${id}/sessions`)).json()) as { total: number };
    expect(sessions.total).toBe(1);
  });

  test("415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("media"));
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded"]) {
      await expectApiError(
        await request.post(`/assistants/${id}/ask`, {
          headers: { ...bearer(runtimeKey.key), "content-type": contentType },
          data: raw('{"message":"Hi"}'),
        }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      );
    }
  });

  test("404 NOT_FOUND for an unknown session, or a session of another assistant", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("sess"));
    const other = await createAssistant(api, uniqueId("other"));
    const headers = bearer(runtimeKey.key);
    await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers,
        data: { message: "Hi", session_id: "sess_000000000000000000000000" },
      }),
      404,
      "NOT_FOUND",
    );
    const elsewhere = (await (
      await request.post(`/assistants/${other}/ask`, { headers, data: { message: "Hi" } })
    ).json()) as AskResponse;
    await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers,
        data: { message: "Hi", session_id: elsewhere.session_id },
      }),
      404,
      "NOT_FOUND",
    );
  });

  test("403 FORBIDDEN for a session of another user", async ({ api, request, runtimeKey, uniqueId }) => {
    const id = await createAssistant(api, uniqueId("owner"));
    const headers = bearer(runtimeKey.key);
    const alice = (await (
      await request.post(`/assistants/${id}/ask`, { headers, data: { message: "Hi", user: "alice" } })
    ).json()) as AskResponse;
    await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers,
        data: { message: "Let me in", session_id: alice.session_id, user: "mallory" },
      }),
      403,
      "FORBIDDEN",
    );
    const detail = await sessionDetail(api, id, alice.session_id);
    expect(detail.messages).toHaveLength(2);
    expect(detail.messages.map((message) => message.content)).not.toContain("Let me in");
  });
});

test.describe("POST /assistants/{id}/ask when the model server fails", () => {
  test("429 RATE_LIMITED with the upstream's Retry-After; the exchange is recorded as failed", async ({
    api,
    request,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("busy"), { model: llm.model });
    llm.sim.setFaults({ rateLimit: { retryAfterSeconds: 2, next: 1 } });
    const response = await request.post(`/assistants/${id}/ask`, {
      headers: bearer(runtimeKey.key),
      data: { message: "Are you there?" },
    });
    const body = await expectApiError(response, 429, "RATE_LIMITED");
    expect(response.headers()["retry-after"]).toBe("2");
    const { session_id, message_id } = body.error.details as { session_id: string; message_id: string };
    const detail = await sessionDetail(api, id, session_id);
    expect(detail.messages[1]).toMatchObject({
      id: message_id,
      status: "failed",
      error: { code: "RATE_LIMITED" },
    });

    // Hearth honours the Retry-After: until it has passed, it refuses without asking the backend.
    const asked = llm.sim.stats().requests;
    const rested = await request.post(`/assistants/${id}/ask`, {
      headers: bearer(runtimeKey.key),
      data: { message: "Still there?" },
    });
    await expectApiError(rested, 429, "RATE_LIMITED");
    expect(Number(rested.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(llm.sim.stats().requests).toBe(asked);

    // The fault fired once: once the pause is over, the next question is answered.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const again = await request.post(`/assistants/${id}/ask`, {
      headers: bearer(runtimeKey.key),
      data: { message: "Are you there now?" },
    });
    expect(again.status(), await again.text()).toBe(200);
  });

  test("502 UPSTREAM_ERROR on an upstream 500; the question is kept and the answer recorded as failed", async ({
    api,
    request,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("broken"), { model: llm.model });
    const firedBefore = llm.sim.stats().faultsFired.error;
    llm.sim.setFaults({ error: { status: 500, next: 1 } });
    const body = await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers: bearer(runtimeKey.key),
        data: { message: "Will this work?", user: "ben" },
      }),
      502,
      "UPSTREAM_ERROR",
    );
    expect(body.error.details).toEqual({ session_id: expect.any(String), message_id: expect.any(String) });
    const { session_id, message_id } = body.error.details as { session_id: string; message_id: string };

    const detail = await sessionDetail(api, id, session_id);
    expect(detail).toMatchObject({ message_count: 2, user: "ben" });
    expect(detail.messages).toHaveLength(2);
    expect(detail.messages[0]).toMatchObject({
      role: "user",
      content: "Will this work?",
      status: "completed",
      error: null,
    });
    expect(detail.messages[1]).toMatchObject({
      id: message_id,
      role: "assistant",
      content: "",
      status: "failed",
      // Hearth's own message; what the model server said is the detail, shown to the admin key here
      // (never to the runtime key that asked).
      error: {
        code: "UPSTREAM_ERROR",
        message: "The model server could not answer this request",
        detail: expect.stringContaining("The model server failed (500)"),
      },
      backend_id: llm.backend.id,
    });
    expect(body.error.message).toBe("The model server could not answer this request");
    expect(llm.sim.stats().faultsFired.error).toBe(firedBefore + 1);
  });

  test("504 UPSTREAM_TIMEOUT when the model stalls longer than the idle timeout", async ({
    api,
    request,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("stall"), { model: llm.model });
    const abortedBefore = llm.sim.stats().aborted;
    llm.sim.setFaults({ stall: { afterTokens: 2, next: 1 } });
    const started = Date.now();
    const body = await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers: bearer(runtimeKey.key),
        data: { message: "Hello?" },
      }),
      504,
      "UPSTREAM_TIMEOUT",
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(RUNTIME_LIMITS.idleTimeoutMs);
    expect(elapsed).toBeLessThan(RUNTIME_LIMITS.idleTimeoutMs + 3000);
    const { session_id } = body.error.details as { session_id: string };
    const detail = await sessionDetail(api, id, session_id);
    expect(detail.messages[1]).toMatchObject({ status: "failed", error: { code: "UPSTREAM_TIMEOUT" } });
    // The stalled upstream request was given up, not left hanging.
    await expect.poll(() => llm.sim.stats().aborted).toBeGreaterThan(abortedBefore);
  });

  test("a caller that hangs up cancels the generation upstream; the answer is recorded cancelled", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("gone"), { model: llm.model });
    const before = llm.sim.stats();
    // Left alone, the model would answer after 3 s; only the hang-up can stop it sooner.
    llm.sim.setFaults({ slowStart: { extraMs: 3000, next: 1 } });
    const controller = new AbortController();
    const pending = fetch(`${baseURL}/assistants/${id}/ask`, {
      method: "POST",
      headers: { ...bearer(runtimeKey.key), "content-type": "application/json" },
      body: JSON.stringify({ message: "Too slow", user: "impatient" }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await expect.poll(() => llm.sim.stats().requests).toBe(before.requests + 1);
    controller.abort();
    expect(await pending).toMatchObject({ name: "AbortError" });

    await expect
      .poll(() => llm.sim.stats().aborted, { timeout: 2000, intervals: [50] })
      .toBe(before.aborted + 1);
    expect(llm.sim.stats().completed).toBe(before.completed);
    // The question is kept; the answer is recorded as cancelled once the exchange has wound down.
    const transcript = async () => {
      const sessions = (await (await api.get(`/assistants/${id}/sessions`)).json()) as List<Session>;
      const session = sessions.data[0];
      if (!session) return [];
      const detail = await sessionDetail(api, id, session.id);
      return [detail.user, ...detail.messages.map((message) => `${message.role}:${message.status}`)];
    };
    await expect.poll(transcript).toEqual(["impatient", "user:completed", "assistant:cancelled"]);
  });

  test("503 NO_BACKEND for a model that no enabled backend serves, recorded as failed", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("nomodel"), { model: "no-such-model" });
    const body = await expectApiError(
      await request.post(`/assistants/${id}/ask`, {
        headers: bearer(runtimeKey.key),
        data: { message: "Hi" },
      }),
      503,
      "NO_BACKEND",
    );
    const { session_id } = body.error.details as { session_id: string };
    const detail = await sessionDetail(api, id, session_id);
    expect(detail.messages.map((message) => message.status)).toEqual(["completed", "failed"]);
  });
});
