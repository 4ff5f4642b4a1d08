// The typed events of one exchange, in order: created, rag decision, reasoning and answer deltas
// (with the assistant's own tools: a started and a completed event around each call, between model
// steps), then exactly one of completed or error. The SSE adapter numbers them; `ask` folds them.
import type { ErrorCode } from "../../errors";
import type { AskResponse, RagDecision, ToolRun } from "../../schemas/chat";
import type { ToolCallFragment } from "./tool-calls";

export interface ExchangeError {
  code: ErrorCode;
  message: string;
  retry_after_seconds?: number;
  /** With RATE_LIMITED from admission control: the concurrency limit that was reached. */
  limit?: number;
}

export type ChatEvent =
  | { type: "response.created"; session_id: string; message_id: string; question_id: string; model: string }
  | { type: "rag.completed"; rag: RagDecision; citations: AskResponse["citations"] }
  | { type: "reasoning.delta"; delta: string }
  | { type: "output_text.delta"; delta: string }
  /** Only for callers that gave tools (the OpenAI-compatible API): a piece of tool call `index`. */
  | ({ type: "tool_call.delta" } & ToolCallFragment)
  /** One of the assistant's own tools, called by the model, starts running in Hearth. */
  | ({ type: "tool_call.started" } & Pick<ToolRun, "id" | "name" | "kind" | "arguments" | "step">)
  /** ... and what it gave (the result itself stays out of the stream: the transcript keeps it). */
  | ({ type: "tool_call.completed" } & Omit<ToolRun, "arguments" | "result">)
  | { type: "response.completed"; response: AskResponse }
  | { type: "error"; error: ExchangeError; message_id: string; session_id: string };
