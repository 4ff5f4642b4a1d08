// The response object of the Responses API, from what an exchange gives: the settings it ran with
// (echoed as OpenAI does), its output items (reasoning, text, function calls), its status and
// usage. Shared by the non-streamed answer, the streamed events' snapshots and GET.
import type { AskResponse } from "../../../schemas/chat";
import type {
  CreateResponseRequest,
  ResponseObject,
  ResponseOutputItem,
  ResponseUsage,
} from "../../../schemas/openai-responses";
import type { PreparedExchange } from "../../chat/prepare-exchange";
import type { ToolCall, Usage } from "../../gateway/engines/engine";
import type { PreviousResponse } from "./find-previous-response";
import { itemIdOf, responseIdOf } from "./stored-response";

type Settings = Pick<
  ResponseObject,
  | "previous_response_id"
  | "instructions"
  | "tools"
  | "tool_choice"
  | "parallel_tool_calls"
  | "temperature"
  | "top_p"
  | "max_output_tokens"
  | "store"
  | "metadata"
  | "reasoning"
>;

/** What a response says whatever its outcome: who it is, where it is stored, how it was asked. */
export interface ResponseContext {
  messageId: string;
  sessionId: string;
  /** Unix seconds. */
  createdAt: number;
  model: string;
  settings: Settings;
}

export interface ResponseOutcome {
  status: ResponseObject["status"];
  output: ResponseOutputItem[];
  usage: Usage | null;
  error: ResponseObject["error"];
  rag: unknown;
  citations: unknown[];
}

/** The settings a stored response is shown with: Hearth does not keep a request's own. */
export const STORED_SETTINGS: Omit<Settings, "previous_response_id" | "metadata"> = {
  instructions: null,
  tools: [],
  tool_choice: "auto",
  parallel_tool_calls: true,
  temperature: null,
  top_p: null,
  max_output_tokens: null,
  store: true,
  reasoning: { effort: null, summary: null },
};

/** The context of a response being made: the request's settings, with the generation it runs with. */
export function responseContext(
  request: CreateResponseRequest,
  prepared: PreparedExchange,
  previous: PreviousResponse | null,
): ResponseContext {
  const { generation } = prepared.assistant;
  return {
    messageId: prepared.answerMessageId,
    sessionId: prepared.sessionId,
    createdAt: Math.floor(prepared.receivedAt.getTime() / 1000),
    model: request.model,
    settings: {
      previous_response_id: previous?.id ?? null,
      instructions: request.instructions ?? null,
      tools: (request.tools ?? []).map((tool) => ({
        type: "function",
        name: tool.name,
        description: tool.description ?? null,
        parameters: tool.parameters ?? null,
        strict: tool.strict ?? null,
      })),
      tool_choice: request.tool_choice ?? "auto",
      parallel_tool_calls: request.parallel_tool_calls ?? true,
      temperature: generation.temperature,
      top_p: generation.top_p,
      max_output_tokens: generation.max_output_tokens,
      store: request.store !== false,
      metadata: previous ? previous.metadata : (request.metadata ?? {}),
      reasoning: { effort: generation.reasoning_effort, summary: null },
    },
  };
}

export function usageOf(usage: Usage): ResponseUsage {
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: usage.total_tokens,
  };
}

export function buildResponse(context: ResponseContext, outcome: ResponseOutcome): ResponseObject {
  const text = outcome.output
    .flatMap((item) => (item.type === "message" ? item.content.map((part) => part.text) : []))
    .join("");
  return {
    id: responseIdOf(context.messageId),
    object: "response",
    created_at: context.createdAt,
    status: outcome.status,
    model: context.model,
    output: outcome.output,
    output_text: text,
    usage: outcome.usage && usageOf(outcome.usage),
    ...context.settings,
    incomplete_details: outcome.status === "incomplete" ? { reason: "max_output_tokens" } : null,
    error: outcome.error,
    text: { format: { type: "text" } },
    truncation: "disabled",
    hearth: {
      session_id: context.sessionId,
      message_id: context.messageId,
      rag: outcome.rag,
      citations: outcome.citations,
    },
  };
}

/**
 * An answer's output items, in the order a model makes them: its reasoning, its text, its calls.
 * The last is `incomplete` when the answer was cut (by max_output_tokens, or a failure).
 */
export function outputItemsOf(
  messageId: string,
  answer: { reasoning: string | null; text: string; toolCalls: readonly ToolCall[] },
  cut: boolean,
): ResponseOutputItem[] {
  const items: ResponseOutputItem[] = [];
  if (answer.reasoning) {
    items.push({
      type: "reasoning",
      id: itemIdOf("reasoning", messageId, 0),
      summary: [],
      content: [{ type: "reasoning_text", text: answer.reasoning }],
      status: "completed",
    });
  }
  if (answer.text) {
    items.push({
      type: "message",
      id: itemIdOf("message", messageId, 0),
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: answer.text, annotations: [] }],
    });
  }
  answer.toolCalls.forEach((call, index) => {
    items.push({
      type: "function_call",
      id: itemIdOf("function_call", messageId, index),
      call_id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
      status: "completed",
    });
  });
  const last = items.at(-1);
  if (cut && last) last.status = "incomplete";
  return items;
}

/** A finished exchange's answer as a response: `incomplete` when max_output_tokens cut it. */
export function completedResponse(
  context: ResponseContext,
  answer: AskResponse,
  toolCalls: readonly ToolCall[],
): ResponseObject {
  const cut = answer.finish_reason === "length";
  return buildResponse(context, {
    status: cut ? "incomplete" : "completed",
    output: outputItemsOf(
      context.messageId,
      { reasoning: answer.reasoning ?? null, text: answer.answer, toolCalls },
      cut,
    ),
    usage: answer.usage,
    error: null,
    rag: answer.rag,
    citations: answer.citations,
  });
}
