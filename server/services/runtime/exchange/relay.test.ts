// The relay step alone: what each engine event adds to the state, what the consumer is handed for
// it, and the first token's time, taken once per exchange.
import { describe, expect, test } from "vitest";
import { testAttempt, testState } from "../../../test/exchange";
import { announce, relay } from "./relay";

describe("relay", () => {
  test("answer deltas accumulate and each is handed out; usage and the finish reason are kept silently", () => {
    const state = testState();
    const attempt = testAttempt();

    const handed = [
      relay(state, attempt, { type: "output_text.delta", text: "Hearth " }),
      relay(state, attempt, { type: "output_text.delta", text: "is here." }),
      relay(state, attempt, {
        type: "usage",
        usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
      }),
      relay(state, attempt, { type: "finish", reason: "length" }),
    ];

    expect(handed).toEqual([
      { type: "output_text.delta", delta: "Hearth " },
      { type: "output_text.delta", delta: "is here." },
      null,
      null,
    ]);
    expect(state).toMatchObject({
      answer: "Hearth is here.",
      usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
      finishReason: "length",
    });
  });

  test("reasoning is always kept, and handed out only when the caller asked for it", () => {
    const hidden = testState({ includeReasoning: false });
    const shown = testState({ includeReasoning: true });
    const event = { type: "reasoning.delta", text: "Thinking" } as const;

    expect(relay(hidden, testAttempt(), event)).toBeNull();
    expect(relay(shown, testAttempt(), event)).toEqual({ type: "reasoning.delta", delta: "Thinking" });
    expect(hidden.reasoning).toBe("Thinking");
    expect(shown.reasoning).toBe("Thinking");
  });

  test("the first token, reasoning or answer, is timed once: on the exchange, the attempt and its span", () => {
    const state = testState();
    const attempt = testAttempt();
    relay(state, attempt, {
      type: "usage",
      usage: { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 },
    });
    expect(state.ttftMs).toBeNull();

    relay(state, attempt, { type: "reasoning.delta", text: "Hm" });
    const first = { exchange: state.ttftMs, attempt: attempt.ttftMs };
    relay(state, attempt, { type: "output_text.delta", text: "Yes" });

    expect(first.exchange).toEqual(expect.any(Number));
    expect(first.attempt).toEqual(expect.any(Number));
    expect({ exchange: state.ttftMs, attempt: attempt.ttftMs }).toEqual(first);
    expect(attempt.span.attributes["hearth.ttft_ms"]).toBe(first.attempt);
    expect(attempt.span.events).toEqual(["first_token"]);
  });
});

describe("announce", () => {
  test("the opening events, once: created with the model admission chose, then the RAG decision", () => {
    const state = testState();
    state.model = "gpt-oss-120b";
    state.citations = [{ file_id: "f1", filename: "a.md", chunk_index: 0, score: 0.9, quote: "Hearth" }];

    expect(announce(state)).toEqual([
      {
        type: "response.created",
        session_id: "sess_1",
        message_id: "msg_a",
        question_id: "msg_q",
        model: "gpt-oss-120b",
      },
      { type: "rag.completed", rag: state.rag, citations: state.citations },
    ]);
    expect(announce(state)).toEqual([]);
  });
});
