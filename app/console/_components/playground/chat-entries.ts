// The playground's view of a conversation: the user's messages and the assistant's answers, the
// latter with their status, error, reasoning, tool calls and details. Built from a stream as it
// arrives, or from a stored transcript (sessions.get) to continue it.
import type { Citation, MessageDto } from "@/server/schemas/chat";
import type { FeedbackDto } from "@/server/schemas/feedback";
import type { StreamEvent } from "../../_lib/chat-stream";
import { storedRag, type AnswerDetailsData } from "../chat/answer-details";
import type { AnswerStatus } from "../chat/message-status-badge";
import { completeTool, startTool, toolActivityOf, type ToolActivity } from "../chat/tool-activity";

export type ChatError = { code: string; message: string };

export type UserEntry = {
  role: "user";
  key: string;
  content: string;
  /** The stored question, once the server has announced it: what asking it again replaces. */
  messageId: string | null;
};

export type AnswerEntry = {
  role: "assistant";
  key: string;
  content: string;
  reasoning: string;
  /** "streaming" while this answer is arriving in the playground. */
  status: AnswerStatus | "streaming";
  error: ChatError | null;
  details: AnswerDetailsData | null;
  /** The passages the answer drew on (known before its text arrives). */
  citations: Citation[];
  /** The assistant's own tools called for the answer, in order (live while it streams). */
  tools: ToolActivity[];
  /** The stored message, once the server has announced it (what feedback is given on). */
  messageId: string | null;
  /** The answer's current rating. */
  feedback: FeedbackDto | null;
};

export type ChatEntry = UserEntry | AnswerEntry;

export function entriesFromMessages(
  messages: MessageDto[],
  backendName: (id: string) => string,
): ChatEntry[] {
  return messages.map((message): ChatEntry => {
    if (message.role === "user") {
      return { role: "user", key: message.id, content: message.content, messageId: message.id };
    }
    return {
      role: "assistant",
      key: message.id,
      content: message.content,
      reasoning: message.reasoning ?? "",
      status: message.status,
      error: message.error,
      citations: message.citations,
      tools: (message.tool_runs ?? []).map(toolActivityOf),
      messageId: message.id,
      // Read loosely: older servers do not send it.
      feedback: message.feedback ?? null,
      details: {
        model: message.model,
        backend: message.backend_id ? backendName(message.backend_id) : null,
        usage: message.usage,
        timings: message.timings,
        rag: storedRag(message),
        sla: message.sla,
      },
    };
  });
}

/**
 * The conversation without the question `key` and what follows it: what stays when that question
 * is asked again (regenerated, or edited and resent).
 */
export function entriesBefore(entries: ChatEntry[], key: string): ChatEntry[] {
  const index = entries.findIndex((entry) => entry.key === key);
  return index === -1 ? entries : entries.slice(0, index);
}

/** The last question, when it can be asked again: the conversation's last answer is its answer. */
export function lastQuestion(entries: ChatEntry[]): UserEntry | null {
  const [question, answer] = entries.slice(-2);
  if (question?.role !== "user" || answer?.role !== "assistant" || !question.messageId) return null;
  return question;
}

/** The answer after one event of its stream (the playground folds them as they arrive). */
export function applyStreamEvent(entry: AnswerEntry, event: StreamEvent): AnswerEntry {
  switch (event.type) {
    case "reasoning.delta":
      return { ...entry, reasoning: entry.reasoning + event.delta };
    case "output_text.delta":
      return { ...entry, content: entry.content + event.delta };
    case "response.created":
      return {
        ...entry,
        messageId: event.message_id,
        details: { model: event.model, backend: null, usage: null, timings: null },
      };
    case "rag.completed":
      return {
        ...entry,
        citations: event.citations,
        details: entry.details && { ...entry.details, rag: event.rag },
      };
    case "tool_call.started":
      return { ...entry, tools: startTool(entry.tools, event) };
    case "tool_call.completed":
      return { ...entry, tools: completeTool(entry.tools, event) };
    case "response.completed": {
      const { response } = event;
      return {
        ...entry,
        status: "completed",
        // The stored calls, with their results; an answer without them keeps what streamed.
        tools: response.tool_runs?.map(toolActivityOf) ?? entry.tools,
        content: response.answer,
        reasoning: response.reasoning ?? entry.reasoning,
        citations: response.citations,
        details: {
          model: response.model,
          backend: response.backend,
          usage: response.usage,
          timings: response.timings,
          // Read loosely: older servers do not send it.
          finishReason: (response as { finish_reason?: string }).finish_reason,
          rag: response.rag,
          sla: response.sla,
        },
      };
    }
    case "error":
      return { ...entry, status: "failed", error: { code: event.error.code, message: event.error.message } };
    default:
      return entry;
  }
}
