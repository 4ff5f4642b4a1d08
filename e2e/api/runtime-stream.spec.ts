// POST /assistants/{id}/stream against the vLLM simulator: the SSE headers and event contract
// (order, numbering, deltas that add up to the answer), heartbeats, and how a stream ends when
// the model server cuts, stalls or refuses, or when the client hangs up (which must cancel the
// generation upstream). Refusals found before the stream starts are ordinary JSON errors.
import { bearer, expect, expectApiError, raw, test } from "../fixtures";
import { RUNTIME_LIMITS, SIM_MODEL } from "../support/env";
import {
  createAssistant,
  sessionDetail,
  type AskResponse,
  type StreamEventData,
} from "../support/runtime-api";
import { openSlowStream } from "../support/slow-stream";
import { postForStream, readSse, type SseItem } from "../support/sse";

interface ReadStream {
  response: Response;
  items: SseItem[];
  events: (StreamEventData & { at: number })[];
}

/** Streams a question to the end and checks what every stream must satisfy, however it ends. */
async function streamToEnd(url: string, key: string, body: object): Promise<ReadStream> {
  const response = await postForStream(url, key, body);
  expect(response.status, response.status === 200 ? "" : await response.text()).toBe(200);
  const items: SseItem[] = [];
  for await (const item of readSse(response.body!)) items.push(item);
  const events = items.flatMap((item) => {
    if (item.kind !== "event") return [];
    const data = JSON.parse(item.data) as StreamEventData;
    // The SSE event name is the type; the SSE id is the sequence number.
    expect(item.event).toBe(data.type);
    expect(item.id).toBe(String(data.sequence_number));
    return [{ ...data, at: item.at }];
  });
  expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index + 1));
  // Exactly one terminal event, and it is the last.
  const terminal = events.filter((event) => event.type === "response.completed" || event.type === "error");
  expect(terminal).toHaveLength(1);
  expect(events.at(-1)).toBe(terminal[0]);
  return { response, items, events };
}

const typesOf = (events: StreamEventData[]) => events.map((event) => event.type);
const textOf = (events: StreamEventData[], type: string) =>
  events
    .filter((event) => event.type === type)
    .map((event) => event.delta)
    .join("");

/** The event types with consecutive repeats collapsed: a+ b+ reads [a, b]. */
const shapeOf = (events: StreamEventData[]) =>
  typesOf(events).filter((type, index, all) => index === 0 || all[index - 1] !== type);

test.describe("POST /assistants/{id}/stream", () => {
  test("sends the SSE headers and numbered events in order; the deltas add up to the answer", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("stream"));
    const { response, events } = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Tell me about streams",
      user: "sam",
    });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(response.headers.get("x-request-id")).toBeTruthy();

    expect(shapeOf(events)).toEqual([
      "response.created",
      "rag.completed",
      "output_text.delta",
      "response.completed",
    ]);
    const [created, rag] = events;
    expect(created).toMatchObject({ session_id: expect.stringMatching(/^sess_/), model: SIM_MODEL });
    expect(created!.message_id).toMatch(/^msg_/);
    expect(rag).toMatchObject({ rag: { decision: "forwarded", passages: 0 }, citations: [] });
    // At least one delta (tokens the server reads together travel as one; the hang-up test below
    // sees an answer arrive delta by delta from a slow model).
    expect(events.filter((event) => event.type === "output_text.delta").length).toBeGreaterThan(0);

    const completed = events.at(-1)!.response as AskResponse;
    expect(completed).not.toHaveProperty("reasoning");
    expect(completed.answer).toBe(textOf(events, "output_text.delta"));
    expect(completed.answer).toContain("Simulated answer to: Tell me about streams");
    expect(completed).toMatchObject({
      session_id: created!.session_id,
      message_id: created!.message_id,
      model: SIM_MODEL,
      backend: "env-llm",
      finish_reason: "stop",
      citations: [],
    });
    expect(completed.timings.ttft_ms!).toBeLessThanOrEqual(completed.timings.total_ms);

    const detail = await sessionDetail(api, id, created!.session_id!);
    expect(detail.user).toBe("sam");
    expect(detail.messages.map((message) => [message.role, message.status])).toEqual([
      ["user", "completed"],
      ["assistant", "completed"],
    ]);
    expect(detail.messages[1]!.content).toBe(completed.answer);
  });

  test("with reasoning: true, reasoning deltas come first and add up to response.reasoning", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("think"));
    const { events } = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Think first",
      reasoning: true,
    });
    expect(shapeOf(events)).toEqual([
      "response.created",
      "rag.completed",
      "reasoning.delta",
      "output_text.delta",
      "response.completed",
    ]);
    const completed = events.at(-1)!.response as AskResponse;
    expect(completed.reasoning).toBe(textOf(events, "reasoning.delta"));
    expect(completed.answer).toBe(textOf(events, "output_text.delta"));
  });

  test("sends heartbeat comments while the model has not answered yet", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("beat"), { model: llm.model });
    llm.sim.setFaults({ slowStart: { extraMs: RUNTIME_LIMITS.heartbeatMs * 3, next: 1 } });
    const { items, events } = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Take your time",
    });
    expect(events.at(-1)!.type).toBe("response.completed");
    const firstDelta = items.findIndex((item) => item.kind === "event" && item.event === "output_text.delta");
    const heartbeats = items
      .slice(0, firstDelta)
      .filter((item) => item.kind === "comment" && item.text === "heartbeat");
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    // Comments are not events: nothing but the events above carries data.
    expect(items.filter((item) => item.kind === "event")).toHaveLength(events.length);
  });

  test("a cut mid-stream ends with an error event, never response.completed; the answer is recorded failed", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    // Low effort reasons for 16 tokens, so a cut after 20 falls inside the answer.
    const id = await createAssistant(api, uniqueId("cut"), {
      model: llm.model,
      generation: { reasoning_effort: "low" },
    });
    llm.sim.setFaults({ cut: { afterTokens: 20, next: 1 } });
    const { events } = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Do not cut me off",
    });
    expect(shapeOf(events)).toEqual(["response.created", "rag.completed", "output_text.delta", "error"]);
    const error = events.at(-1)!;
    expect(error.error).toMatchObject({ code: "UPSTREAM_ERROR", message: expect.any(String) });
    expect(error.message_id).toBe(events[0]!.message_id);
    expect(error.session_id).toBe(events[0]!.session_id);

    const detail = await sessionDetail(api, id, error.session_id!);
    expect(detail.messages[0]).toMatchObject({
      role: "user",
      content: "Do not cut me off",
      status: "completed",
    });
    expect(detail.messages[1]).toMatchObject({
      id: error.message_id,
      status: "failed",
      error: { code: "UPSTREAM_ERROR" },
      // What was streamed before the cut is kept with the failure.
      content: textOf(events, "output_text.delta"),
    });
  });

  test("a stall ends with an UPSTREAM_TIMEOUT error event after about the idle timeout", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("stall"), {
      model: llm.model,
      generation: { reasoning_effort: "low" },
    });
    const abortedBefore = llm.sim.stats().aborted;
    llm.sim.setFaults({ stall: { afterTokens: 20, next: 1 } });
    const { events } = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Keep going",
    });
    expect(shapeOf(events)).toEqual(["response.created", "rag.completed", "output_text.delta", "error"]);
    const error = events.at(-1)!;
    expect(error.error?.code).toBe("UPSTREAM_TIMEOUT");
    const lastDelta = events.findLast((event) => event.type === "output_text.delta")!;
    const silence = error.at - lastDelta.at;
    expect(silence).toBeGreaterThanOrEqual(RUNTIME_LIMITS.idleTimeoutMs - 100);
    expect(silence).toBeLessThan(RUNTIME_LIMITS.idleTimeoutMs + 1500);

    const detail = await sessionDetail(api, id, error.session_id!);
    expect(detail.messages[1]).toMatchObject({ status: "failed", error: { code: "UPSTREAM_TIMEOUT" } });
    // The stalled request was given up upstream, not left to hang.
    await expect.poll(() => llm.sim.stats().aborted).toBeGreaterThan(abortedBefore);
  });

  test("no first token within the first-token timeout: heartbeats meanwhile, then UPSTREAM_TIMEOUT", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("silent"), { model: llm.model });
    llm.sim.setFaults({ stall: { afterTokens: 0, next: 1 } });
    const started = performance.now();
    const { items, events } = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Anyone home?",
    });
    expect(typesOf(events)).toEqual(["response.created", "rag.completed", "error"]);
    expect(events.at(-1)!.error?.code).toBe("UPSTREAM_TIMEOUT");
    const waited = events.at(-1)!.at - started;
    expect(waited).toBeGreaterThanOrEqual(RUNTIME_LIMITS.firstTokenTimeoutMs - 100);
    expect(waited).toBeLessThan(RUNTIME_LIMITS.firstTokenTimeoutMs + 3000);
    const heartbeats = items.filter((item) => item.kind === "comment" && item.text === "heartbeat");
    expect(heartbeats.length).toBeGreaterThanOrEqual(
      Math.floor(RUNTIME_LIMITS.firstTokenTimeoutMs / RUNTIME_LIMITS.heartbeatMs) - 2,
    );
  });

  test("an upstream refusal after the stream started is an error event (429 keeps its retry time)", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("refused"), { model: llm.model });
    llm.sim.setFaults({ rateLimit: { retryAfterSeconds: 2, next: 1 } });
    const limited = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, {
      message: "Hi",
    });
    expect(typesOf(limited.events)).toEqual(["response.created", "rag.completed", "error"]);
    expect(limited.events.at(-1)!.error).toMatchObject({ code: "RATE_LIMITED", retry_after_seconds: 2 });

    // Within that pause Hearth refuses at admission: a JSON 429 before any stream opens.
    const rested = await fetch(`${baseURL}/assistants/${id}/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${runtimeKey.key}` },
      body: JSON.stringify({ message: "Hi again" }),
    });
    expect(rested.status).toBe(429);
    expect(rested.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Number(rested.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await rested.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    llm.sim.setFaults({ error: { status: 503, next: 1 } });
    const failed = await streamToEnd(`${baseURL}/assistants/${id}/stream`, runtimeKey.key, { message: "Hi" });
    expect(failed.events.at(-1)!.error?.code).toBe("UPSTREAM_ERROR");
    const detail = await sessionDetail(api, id, failed.events[0]!.session_id!);
    expect(detail.messages[1]).toMatchObject({ status: "failed", error: { code: "UPSTREAM_ERROR" } });
  });

  test("a client that hangs up cancels the generation upstream; the answer is recorded cancelled", async ({
    api,
    baseURL,
    runtimeKey,
    uniqueId,
  }) => {
    const { slow, id, controller, response } = await openSlowStream(api, {
      baseURL: baseURL!,
      key: runtimeKey.key,
      name: uniqueId,
      label: "hangup",
    });
    try {
      expect(response.status).toBe(200);
      const seen: StreamEventData[] = [];
      for await (const item of readSse(response.body!)) {
        if (item.kind === "event") seen.push(JSON.parse(item.data) as StreamEventData);
        if (seen.filter((event) => event.type === "output_text.delta").length === 2) break;
      }
      controller.abort();
      // Hung up mid-answer: the model had not finished.
      expect(slow.sim.stats().completed).toBe(0);

      await expect.poll(() => slow.sim.stats().aborted, { timeout: 2000, intervals: [50] }).toBe(1);
      expect(slow.sim.stats()).toMatchObject({ completed: 0, running: 0 });
      const { session_id, message_id } = seen[0]!;
      await expect
        .poll(async () => (await sessionDetail(api, id, session_id!)).messages[1]?.status)
        .toBe("cancelled");
      const answer = (await sessionDetail(api, id, session_id!)).messages[1]!;
      expect(answer).toMatchObject({ id: message_id, error: { code: "CANCELLED" } });
      expect(answer.content).toContain(textOf(seen, "output_text.delta"));
    } finally {
      await slow.stop();
    }
  });
});

test.describe("POST /assistants/{id}/stream hang-ups", () => {
  test("hanging up before the first token cancels the waiting request upstream too", async ({
    api,
    baseURL,
    runtimeKey,
    llm,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("early"), { model: llm.model });
    const before = llm.sim.stats();
    // Left alone, the model would answer after 3 s; only the hang-up can stop it sooner.
    llm.sim.setFaults({ slowStart: { extraMs: 3000, next: 1 } });
    const controller = new AbortController();
    const response = await postForStream(
      `${baseURL}/assistants/${id}/stream`,
      runtimeKey.key,
      { message: "Never mind" },
      controller.signal,
    );
    const items = readSse(response.body!);
    const first = (await items.next()).value as SseItem;
    expect(first).toMatchObject({ kind: "comment", text: "stream open" });
    const created = (await items.next()).value as SseItem & { kind: "event" };
    expect(created.event).toBe("response.created");
    const { session_id } = JSON.parse(created.data) as StreamEventData;
    // Hang up once the model server has the request (before that, it is never called at all).
    await expect.poll(() => llm.sim.stats().requests).toBe(before.requests + 1);
    controller.abort();
    await items.return(undefined);

    await expect
      .poll(() => llm.sim.stats().aborted, { timeout: 2000, intervals: [50] })
      .toBe(before.aborted + 1);
    expect(llm.sim.stats().completed).toBe(before.completed);
    await expect
      .poll(async () => (await sessionDetail(api, id, session_id!)).messages[1]?.status)
      .toBe("cancelled");
  });
});

test.describe("POST /assistants/{id}/stream refusals before the stream starts are JSON", () => {
  test("401, 403, 404, 409, 400, 413 and 415 with the REST error body", async ({
    api,
    request,
    runtimeKey,
    uniqueId,
  }) => {
    const id = await createAssistant(api, uniqueId("pre"));
    const other = await createAssistant(api, uniqueId("pre-other"));
    const headers = bearer(runtimeKey.key);
    const stream = (assistantId: string, data: Buffer | object, extra: Record<string, string> = headers) =>
      request.post(`/assistants/${assistantId}/stream`, { headers: extra, data });

    await expectApiError(await stream(id, { message: "Hi" }, {}), 401, "UNAUTHORIZED");
    const keyOfOther = (await (
      await api.post("/admin/api-keys", { data: { name: "other", scope: "runtime", assistant_ids: [other] } })
    ).json()) as { key: string };
    await expectApiError(await stream(id, { message: "Hi" }, bearer(keyOfOther.key)), 403, "FORBIDDEN");
    await expectApiError(await stream(uniqueId("ghost"), { message: "Hi" }), 404, "NOT_FOUND");
    await expectApiError(await stream(id, { message: "" }), 400, "INVALID_INPUT");
    await expectApiError(await stream(id, { message: "Hi", colour: "red" }), 400, "INVALID_INPUT");
    await expectApiError(
      await stream(id, raw('{"message":'), { ...headers, "content-type": "application/json" }),
      400,
      "INVALID_INPUT",
    );
    await expectApiError(
      await stream(id, { message: "Hi", session_id: "sess_000000000000000000000000" }),
      404,
      "NOT_FOUND",
    );
    await expectApiError(
      await stream(id, { message: "z".repeat(RUNTIME_LIMITS.maxMessageChars + 1) }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    await expectApiError(
      await stream(id, raw('{"message":"Hi"}'), { ...headers, "content-type": "text/plain" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );

    expect((await api.post(`/admin/assistants/${id}/disable`)).status()).toBe(200);
    await expectApiError(await stream(id, { message: "Hi" }), 409, "ASSISTANT_DISABLED");
    expect((await api.post(`/admin/assistants/${id}/enable`)).status()).toBe(200);
    const ok = await stream(id, { message: "Hi" });
    expect(ok.status()).toBe(200);
    expect(ok.headers()["content-type"]).toMatch(/^text\/event-stream/);

    // None of the refused requests left a session behind.
    const sessions = (await (await api.get(`/assistants/${id}/sessions`)).json()) as { total: number };
    expect(sessions.total).toBe(1);
  });
});
