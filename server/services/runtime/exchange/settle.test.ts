// The settle step alone: how each ending (completed, failed, cancelled, not recordable) maps to the
// stored answer, the consumer's last event and the operator's log line, and that the slot is always
// freed. The database write is replaced so the tests can read what would be stored.
import { afterEach, describe, expect, test, vi } from "vitest";
import { AppError } from "../../../errors";
import { logger } from "../../../logger";
import { testLease, testState, testTicket } from "../../../test/exchange";
import { EngineError } from "../../gateway/engines/engine";
import type { ExchangeState } from "./exchange-state";
import { recordExchangeEnd } from "./persist-exchange";
import { complete, fail, outcomeOf, release, responseOf } from "./settle";

vi.mock("./persist-exchange", () => ({ recordExchangeEnd: vi.fn(() => Promise.resolve()) }));

afterEach(() => {
  vi.mocked(recordExchangeEnd).mockClear();
  vi.restoreAllMocks();
});

/** A state some way into its answer, on backend sim-a. */
function answering(options: { includeReasoning?: boolean; signal?: AbortSignal } = {}): ExchangeState {
  const state = testState(options);
  state.backend = { id: "b1", name: "sim-a" };
  state.answer = "Hearth is";
  state.reasoning = "Thinking";
  state.ttftMs = 40;
  state.queueMs = 5;
  return state;
}

const stored = () => vi.mocked(recordExchangeEnd).mock.calls.map(([id, outcome]) => ({ id, ...outcome }));

describe("outcomeOf", () => {
  test("completed: the answer and its figures, no error", () => {
    const state = answering();
    state.outcome = "completed";
    state.usage = { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 };
    expect(outcomeOf(state)).toMatchObject({
      status: "completed",
      content: "Hearth is",
      reasoning: "Thinking",
      errorCode: null,
      errorMessage: null,
      errorDetail: null,
      backendId: "b1",
      model: "gpt-oss-20b",
      promptTokens: 10,
      completionTokens: 4,
      queueMs: 5,
      ttftMs: 40,
    });
  });

  test("failed: the public message and, apart, the operator's detail", () => {
    const state = answering();
    state.outcome = "failed";
    state.failure = new AppError("UPSTREAM_ERROR", "The model server could not answer", {
      detail: "backend sim-a: 500",
    });
    expect(outcomeOf(state)).toMatchObject({
      status: "failed",
      errorCode: "UPSTREAM_ERROR",
      errorMessage: "The model server could not answer",
      errorDetail: "backend sim-a: 500",
    });
  });

  test("cancelled: CANCELLED with its own message; no reasoning is null, no usage leaves no counts", () => {
    const state = answering();
    state.reasoning = "";
    expect(outcomeOf(state)).toMatchObject({
      status: "cancelled",
      errorCode: "CANCELLED",
      errorMessage: "The client went away before the answer was finished",
      errorDetail: null,
      reasoning: null,
      promptTokens: null,
      completionTokens: null,
    });
  });
});

describe("responseOf", () => {
  test("reasoning only when asked for; usage zero when the engine gave none", () => {
    const hidden = responseOf(answering());
    const shown = responseOf(answering({ includeReasoning: true }));
    expect(hidden).not.toHaveProperty("reasoning");
    expect(shown.reasoning).toBe("Thinking");
    expect(hidden).toMatchObject({
      answer: "Hearth is",
      session_id: "sess_1",
      message_id: "msg_a",
      backend: "sim-a",
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      timings: { queue_ms: 5, ttft_ms: 40 },
    });
  });
});

describe("complete", () => {
  test("records the exchange as completed, then hands out the response", async () => {
    const state = answering();
    const event = await complete(state);
    expect(event).toMatchObject({ type: "response.completed", response: { answer: "Hearth is" } });
    expect(stored()).toMatchObject([{ id: "msg_a", status: "completed" }]);
  });

  test("an exchange that could not be recorded is not answered", async () => {
    const state = answering();
    state.recording.failure = new Error("session deleted");
    await expect(complete(state)).rejects.toThrow("could not be recorded");
    expect(state.outcome).toBe("cancelled");
    expect(stored()).toEqual([]);
  });
});

describe("fail", () => {
  test("an engine failure: stored with its detail, logged with the request id, the event without it", async () => {
    const warn = vi.spyOn(logger, "warn");
    const state = answering();

    const event = await fail(state, new EngineError("upstream", "500 from /srv/vllm"));

    expect(event).toEqual({
      type: "error",
      error: { code: "UPSTREAM_ERROR", message: "The model server could not answer this request" },
      message_id: "msg_a",
      session_id: "sess_1",
    });
    expect(stored()).toMatchObject([
      { status: "failed", errorCode: "UPSTREAM_ERROR", errorDetail: "backend sim-a: 500 from /srv/vllm" },
    ]);
    const line = warn.mock.calls.find((call) => String(call[1]).startsWith("the exchange failed"));
    expect(line?.[0]).toMatchObject({
      requestId: "req_1",
      messageId: "msg_a",
      code: "UPSTREAM_ERROR",
      detail: "backend sim-a: 500 from /srv/vllm",
    });
  });

  test("the caller went away: no event, nothing recorded here (it ends as cancelled)", async () => {
    const caller = new AbortController();
    const state = answering({ signal: caller.signal });
    caller.abort();

    expect(await fail(state, new EngineError("aborted", "aborted"))).toBeNull();
    expect(state.outcome).toBe("cancelled");
    expect(stored()).toEqual([]);
  });

  test("the exchange could not be recorded: UNAVAILABLE, and nothing more is written", async () => {
    vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const state = answering();
    state.recording.failure = new Error("session deleted");

    const event = await fail(state, new EngineError("aborted", "stopped"));

    expect(event).toMatchObject({ type: "error", error: { code: "UNAVAILABLE" } });
    expect(stored()).toEqual([]);
  });
});

describe("release", () => {
  test("always frees the slot and leaves the queue", async () => {
    const state = answering();
    const lease = testLease();
    const ticket = testTicket(lease);
    state.lease = lease;
    state.ticket = ticket;
    state.outcome = "completed";

    await release(state);

    expect(lease.released).toEqual([{ cancelled: true }]);
    expect(ticket.cancelled).toBe(1);
    expect(state.generation.signal.aborted).toBe(false);
    expect(stored()).toEqual([]);
  });

  test("an exchange that neither completed nor failed stops its generation and is recorded as cancelled", async () => {
    const state = answering();

    await release(state);

    expect(state.generation.signal.aborted).toBe(true);
    expect(stored()).toMatchObject([{ status: "cancelled", errorCode: "CANCELLED", content: "Hearth is" }]);
  });

  test("unless it could not be recorded at all", async () => {
    const state = answering();
    state.recording.failure = new Error("session deleted");
    await release(state);
    expect(stored()).toEqual([]);
  });
});
