import { describe, expect, test } from "vitest";
import type { AskResponse, Citation, MessageDto, SlaOutcome, ToolRun } from "@/server/schemas/chat";
import type { StreamEvent } from "../../_lib/chat-stream";
import {
  applyStreamEvent,
  entriesBefore,
  entriesFromMessages,
  lastQuestion,
  type AnswerEntry,
  type ChatEntry,
} from "./chat-entries";

const citation: Citation = {
  file_id: "file_1",
  filename: "handbook.pdf",
  chunk_index: 4,
  score: 0.82,
  heading: "Returns",
  page: 12,
  quote: "Returns are accepted within 30 days.",
};
const rag = { decision: "injected", top_score: 0.82, threshold: 0.3, passages: 1 } as const;

const streaming: AnswerEntry = {
  role: "assistant",
  key: "local-1-answer",
  content: "",
  reasoning: "",
  status: "streaming",
  error: null,
  details: null,
  citations: [],
  tools: [],
  messageId: null,
  feedback: null,
};

/** An event as the server numbers it (the test writes the rest). */
type EventBody<E = StreamEvent> = E extends unknown ? Omit<E, "sequence_number"> : never;
let sequence = 0;
const event = (body: EventBody): StreamEvent => ({ ...body, sequence_number: ++sequence });
const fold = (events: StreamEvent[]) => events.reduce(applyStreamEvent, streaming);

const created = event({
  type: "response.created",
  session_id: "ses_1",
  message_id: "msg_2",
  question_id: "msg_1",
  model: "gpt-oss",
});

const weatherRun: ToolRun = {
  id: "call_1",
  name: "get_weather",
  kind: "http",
  arguments: '{"city":"Paris"}',
  ok: true,
  summary: "200 OK, 40 bytes",
  result: '{"city":"Paris","sky":"sunny"}',
  duration_ms: 12,
  step: 1,
};

describe("applyStreamEvent", () => {
  test("reasoning and answer deltas grow apart, each in order", () => {
    const entry = fold([
      created,
      event({ type: "reasoning.delta", delta: "The user asks " }),
      event({ type: "output_text.delta", delta: "Within " }),
      event({ type: "reasoning.delta", delta: "about returns." }),
      event({ type: "output_text.delta", delta: "30 days." }),
    ]);
    expect(entry.reasoning).toBe("The user asks about returns.");
    expect(entry.content).toBe("Within 30 days.");
    expect(entry.status).toBe("streaming");
  });

  test("response.created names the stored answer, which feedback is given on", () => {
    expect(fold([created]).messageId).toBe("msg_2");
  });

  test("the citations and the retrieval decision are known before the text", () => {
    const entry = fold([created, event({ type: "rag.completed", rag, citations: [citation] })]);
    expect(entry.citations).toEqual([citation]);
    expect(entry.details).toEqual({ model: "gpt-oss", backend: null, usage: null, timings: null, rag });
    expect(entry.content).toBe("");
  });

  test("completion takes the final answer, its citations and its details", () => {
    const response: AskResponse = {
      answer: "Within 30 days [1].",
      session_id: "ses_1",
      message_id: "msg_2",
      question_id: "msg_1",
      citations: [citation],
      rag,
      usage: { prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 },
      timings: { queue_ms: 0, ttft_ms: 40, total_ms: 300 },
      model: "gpt-oss",
      backend: "vllm-1",
      finish_reason: "length",
    };
    const entry = fold([
      created,
      event({ type: "reasoning.delta", delta: "thinking" }),
      event({ type: "output_text.delta", delta: "Within" }),
      event({ type: "response.completed", response }),
    ]);
    expect(entry).toMatchObject({
      status: "completed",
      content: "Within 30 days [1].",
      // A response without reasoning keeps what streamed.
      reasoning: "thinking",
      citations: [citation],
      error: null,
    });
    expect(entry.details).toEqual({
      model: "gpt-oss",
      backend: "vllm-1",
      usage: response.usage,
      timings: response.timings,
      finishReason: "length",
      rag,
    });
  });

  test("an error fails the answer with its code and message, keeping what streamed", () => {
    const entry = fold([
      created,
      event({ type: "output_text.delta", delta: "Within" }),
      event({
        type: "error",
        error: { code: "UPSTREAM_ERROR", message: "The model server stopped answering.", limit: 4 },
        message_id: "msg_2",
        session_id: "ses_1",
      }),
    ]);
    expect(entry.status).toBe("failed");
    expect(entry.error).toEqual({ code: "UPSTREAM_ERROR", message: "The model server stopped answering." });
    expect(entry.content).toBe("Within");
  });

  test("what SLA control decided arrives with the completion", () => {
    const sla: SlaOutcome = {
      target_ms: 90_000,
      predicted_ms: 72_000,
      degraded: [{ reasoning_effort: "low" }],
      met: true,
    };
    const response: AskResponse = {
      answer: "Within 30 days.",
      session_id: "ses_1",
      message_id: "msg_2",
      question_id: "msg_1",
      citations: [],
      rag,
      usage: { prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 },
      timings: { queue_ms: 0, ttft_ms: 40, total_ms: 300 },
      model: "gpt-oss",
      backend: "vllm-1",
      finish_reason: "stop",
      sla,
    };
    const entry = fold([created, event({ type: "response.completed", response })]);
    expect(entry.details?.sla).toEqual(sla);
  });

  test("a tool call shows as it starts, then with its outcome; the result comes with the answer", () => {
    const started = event({
      type: "tool_call.started",
      id: "call_1",
      name: "get_weather",
      kind: "http",
      arguments: '{"city":"Paris"}',
      step: 1,
    });
    const running = fold([created, started]);
    expect(running.tools).toEqual([
      {
        id: "call_1",
        name: "get_weather",
        kind: "http",
        arguments: '{"city":"Paris"}',
        step: 1,
        status: "running",
      },
    ]);
    expect(running.status).toBe("streaming");

    const failed = fold([
      created,
      started,
      // Repeated: still one line.
      started,
      event({
        type: "tool_call.completed",
        id: "call_1",
        name: "get_weather",
        kind: "http",
        ok: false,
        summary: "timed out after 2 s",
        duration_ms: 2000,
        step: 1,
      }),
    ]);
    expect(failed.tools).toEqual([
      {
        id: "call_1",
        name: "get_weather",
        kind: "http",
        arguments: '{"city":"Paris"}',
        step: 1,
        status: "failed",
        summary: "timed out after 2 s",
        duration_ms: 2000,
      },
    ]);

    const response: AskResponse = {
      answer: "Simulated answer using get_weather: sunny",
      session_id: "ses_1",
      message_id: "msg_2",
      question_id: "msg_1",
      citations: [],
      rag,
      usage: { prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 },
      timings: { queue_ms: 0, ttft_ms: 40, total_ms: 300 },
      model: "gpt-oss",
      backend: "vllm-1",
      finish_reason: "stop",
      tool_runs: [weatherRun],
    };
    const done = fold([created, started, event({ type: "response.completed", response })]);
    expect(done.tools).toEqual([
      {
        id: "call_1",
        name: "get_weather",
        kind: "http",
        arguments: '{"city":"Paris"}',
        step: 1,
        status: "ok",
        summary: "200 OK, 40 bytes",
        duration_ms: 12,
        result: '{"city":"Paris","sky":"sunny"}',
      },
    ]);
  });

  test("a call seen only as it ended gets its line; a completion without runs keeps it", () => {
    const response: AskResponse = {
      answer: "Three results.",
      session_id: "ses_1",
      message_id: "msg_2",
      question_id: "msg_1",
      citations: [],
      rag,
      usage: { prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 },
      timings: { queue_ms: 0, ttft_ms: 40, total_ms: 300 },
      model: "gpt-oss",
      backend: "vllm-1",
      finish_reason: "stop",
    };
    const entry = fold([
      created,
      event({
        type: "tool_call.completed",
        id: "call_9",
        name: "docs__search",
        kind: "mcp",
        ok: true,
        summary: "3 results",
        duration_ms: 40,
        step: 2,
      }),
      event({ type: "response.completed", response }),
    ]);
    expect(entry.tools).toEqual([
      {
        id: "call_9",
        name: "docs__search",
        kind: "mcp",
        arguments: "",
        step: 2,
        status: "ok",
        summary: "3 results",
        duration_ms: 40,
      },
    ]);
  });

  test("rag.completed before response.created leaves the details empty", () => {
    const entry = applyStreamEvent(streaming, event({ type: "rag.completed", rag, citations: [] }));
    expect(entry.details).toBeNull();
  });
});

describe("entriesFromMessages", () => {
  const base: Omit<MessageDto, "id" | "role" | "content" | "status"> = {
    object: "message",
    reasoning: null,
    error: null,
    citations: [],
    rag: null,
    model: null,
    backend_id: null,
    usage: null,
    timings: null,
    feedback: null,
    created_at: "2026-05-01T08:00:00.000Z",
  };
  const question: MessageDto = {
    ...base,
    id: "msg_1",
    role: "user",
    content: "Returns?",
    status: "completed",
  };
  const answer: MessageDto = {
    ...base,
    id: "msg_2",
    role: "assistant",
    content: "Within 30 days.",
    status: "failed",
    error: { code: "UPSTREAM_ERROR", message: "Cut", detail: "upstream 502" },
    citations: [citation],
    rag,
    model: "gpt-oss",
    backend_id: "backend_1",
    timings: { queue_ms: 1, ttft_ms: null, total_ms: 9 },
  };

  test("questions and answers in order; the backend named, the stored decision kept", () => {
    const entries = entriesFromMessages([question, answer], (id) => (id === "backend_1" ? "vllm-1" : id));
    expect(entries).toEqual([
      { role: "user", key: "msg_1", content: "Returns?", messageId: "msg_1" },
      {
        role: "assistant",
        key: "msg_2",
        content: "Within 30 days.",
        reasoning: "",
        status: "failed",
        error: answer.error,
        citations: [citation],
        tools: [],
        messageId: "msg_2",
        feedback: null,
        details: { model: "gpt-oss", backend: "vllm-1", usage: null, timings: answer.timings, rag },
      },
    ]);
  });

  test("a stored answer keeps its rating, to be changed from the playground", () => {
    const feedback = {
      object: "feedback" as const,
      message_id: "msg_2",
      session_id: "ses_1",
      assistant_id: "support",
      rating: "down" as const,
      comment: "Too vague",
      given_by: { kind: "console_user" as const, id: "user_1" },
      created_at: "2026-05-01T08:01:00.000Z",
      updated_at: "2026-05-01T08:01:00.000Z",
    };
    const [entry] = entriesFromMessages([{ ...answer, feedback }], () => "vllm-1");
    expect(entry).toMatchObject({ messageId: "msg_2", feedback });
  });

  test("a stored answer shows its tool calls, with what each gave", () => {
    const [entry] = entriesFromMessages([{ ...answer, tool_runs: [weatherRun] }], () => "vllm-1");
    expect(entry).toMatchObject({
      tools: [
        {
          id: "call_1",
          name: "get_weather",
          kind: "http",
          arguments: '{"city":"Paris"}',
          step: 1,
          status: "ok",
          summary: "200 OK, 40 bytes",
          duration_ms: 12,
          result: '{"city":"Paris","sky":"sunny"}',
        },
      ],
    });
  });

  test("a stored answer keeps what SLA control decided", () => {
    const sla: SlaOutcome = {
      target_ms: 1500,
      predicted_ms: 1800,
      degraded: [{ max_output_tokens: 512 }],
      met: false,
    };
    const [entry] = entriesFromMessages([{ ...answer, sla }], () => "vllm-1");
    expect(entry).toMatchObject({ details: { sla } });
  });

  test("an answer without a backend, from a server that sends no decision", () => {
    const { rag: _rag, ...older } = { ...answer, backend_id: null };
    const [entry] = entriesFromMessages([older as MessageDto], () => "unused");
    expect(entry).toMatchObject({ details: { backend: null, rag: null } });
  });
});

describe("asking again", () => {
  const question = (key: string, messageId: string | null): ChatEntry => ({
    role: "user",
    key,
    content: `Question ${key}`,
    messageId,
  });
  const answer = (key: string): ChatEntry => ({ ...streaming, key, status: "completed" });
  const entries = [question("q1", "msg_1"), answer("a1"), question("q2", "msg_3"), answer("a2")];

  test("what stays: everything before the question asked again", () => {
    expect(entriesBefore(entries, "q2")).toEqual(entries.slice(0, 2));
    expect(entriesBefore(entries, "q1")).toEqual([]);
    expect(entriesBefore(entries, "unknown")).toEqual(entries);
  });

  test("the last question can be asked again once the server has named it", () => {
    expect(lastQuestion(entries)).toEqual(entries[2]);
    expect(lastQuestion([question("q1", null), answer("a1")])).toBeNull();
    expect(lastQuestion([question("q1", "msg_1")])).toBeNull();
    expect(lastQuestion([])).toBeNull();
  });
});
