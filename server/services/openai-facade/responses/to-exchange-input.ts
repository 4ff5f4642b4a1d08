import { AppError } from "../../../errors";
import type { ChatCompletionRequest } from "../../../schemas/openai";
import type { CreateResponseRequest, ResponseInputItem } from "../../../schemas/openai-responses";
import type { ExchangeInput } from "../../chat/prepare-exchange";
import type { ChatTurn, ToolCall } from "../../gateway/engines/engine";
import { describeResults, forwardedOf } from "../to-exchange-input";
import type { PreviousResponse } from "./find-previous-response";
import { NOT_STORED } from "./stored-response";

type ToolTurn = Extract<ChatTurn, { role: "tool" }>;

const invalid = (message: string) => new AppError("INVALID_INPUT", message);

/**
 * The input items as chat turns, the shape the backend speaks: consecutive `function_call` items
 * are one assistant turn with its `tool_calls` (with the text of an assistant message just before
 * them, the same model turn), each `function_call_output` a `tool` turn that must answer a call of
 * the turn before it (the previous response's, at the start of the input). Reasoning items are
 * left out: GPT-OSS is not given earlier reasoning.
 */
function toTurns(items: ResponseInputItem[], previousCalls: readonly ToolCall[]): ChatTurn[] {
  const turns: ChatTurn[] = [];
  let open = new Set(previousCalls.map((call) => call.id));
  items.forEach((item, index) => {
    const last = turns.at(-1);
    switch (item.type) {
      case "reasoning":
        return;
      case "function_call": {
        const call: ToolCall = {
          id: item.call_id,
          type: "function",
          function: { name: item.name, arguments: item.arguments },
        };
        if (last?.role === "assistant") {
          last.tool_calls = [...(last.tool_calls ?? []), call];
          open.add(call.id);
        } else {
          turns.push({ role: "assistant", content: "", tool_calls: [call] });
          open = new Set([call.id]);
        }
        return;
      }
      case "function_call_output":
        if (!open.has(item.call_id)) {
          throw invalid(
            `input[${index}]: a function_call_output must answer a function_call just before it ` +
              `(in the input, or the previous response's) (no call '${item.call_id}')`,
          );
        }
        turns.push({ role: "tool", tool_call_id: item.call_id, content: item.output });
        return;
      default:
        turns.push({ role: item.role === "developer" ? "system" : item.role, content: item.content });
        open = new Set();
    }
  });
  return turns;
}

/** The request's functions and tool choice in the chat format the backend takes, checked. */
function forwardedTools(request: CreateResponseRequest) {
  const tools: ChatCompletionRequest["tools"] = request.tools?.map(
    ({ name, description, parameters, strict }) => ({
      type: "function",
      function: {
        name,
        ...(description != null && { description }),
        ...(parameters != null && { parameters }),
        ...(strict != null && { strict }),
      },
    }),
  );
  const choice = request.tool_choice;
  return forwardedOf({
    tools,
    tool_choice: typeof choice === "object" ? { type: "function", function: { name: choice.name } } : choice,
    parallel_tool_calls: request.parallel_tool_calls ?? undefined,
  });
}

/** Where the conversation is kept: a new session with its metadata, or the previous response's. */
function conversationOf(
  request: CreateResponseRequest,
  previous: PreviousResponse | null,
): Pick<ExchangeInput, "metadata" | "session_id"> {
  if (!previous) {
    const notStored: Record<string, string> =
      request.store === false ? { [NOT_STORED.key]: NOT_STORED.value } : {};
    return { metadata: { ...request.metadata, ...notStored } };
  }
  if (request.metadata) {
    throw invalid("metadata belongs to a new conversation; it cannot be given with previous_response_id");
  }
  if (request.store === false) {
    throw invalid("store: false cannot continue a stored conversation (previous_response_id)");
  }
  return { session_id: previous.sessionId };
}

/**
 * A Responses API request as a Hearth exchange. The input ends with a user message (the question)
 * or with `function_call_output` items (a tool loop: the results end the prompt, the knowledge
 * search looks for the last question, the transcript stores the results). Without
 * `previous_response_id` the input is the whole conversation, stored as a new session, as with
 * chat completions; with it, the exchange continues that response's session: its stored history
 * (tool calls and results included) comes between the request's instructions and its own items.
 */
export function toExchangeInput(
  request: CreateResponseRequest,
  previous: PreviousResponse | null,
): ExchangeInput {
  const items: ResponseInputItem[] =
    typeof request.input === "string" ? [{ role: "user", content: request.input }] : request.input;
  const turns = toTurns(items, previous?.toolCalls ?? []);
  const instructions: ChatTurn[] = request.instructions
    ? [{ role: "system", content: request.instructions }]
    : [];
  const start = turns.findLastIndex((turn) => turn.role !== "tool") + 1;
  const results = turns.slice(start) as ToolTurn[];
  const question = turns.findLast((turn) => turn.role === "user")?.content;
  if (results.length === 0 && turns.at(-1)?.role !== "user") {
    throw invalid("The input must end with a user message or with function_call_output items");
  }
  const earlier = results.length > 0 ? turns.slice(0, start) : turns.slice(0, -1);
  const common: ExchangeInput = {
    ...conversationOf(request, previous),
    channel: "openai",
    user: request.user,
    generation: {
      temperature: request.temperature ?? undefined,
      top_p: request.top_p ?? undefined,
      max_output_tokens: request.max_output_tokens ?? undefined,
      reasoning_effort: request.reasoning?.effort ?? undefined,
    },
    forwarded: forwardedTools(request),
    message: question ?? "",
    ...(previous
      ? { around: { before: instructions, after: earlier } }
      : { history: [...instructions, ...earlier] }),
  };
  if (results.length === 0) return common;
  const calls: ChatTurn = { role: "assistant", content: "", tool_calls: previous?.toolCalls ?? [] };
  return {
    ...common,
    message: describeResults(results, [calls, ...turns]),
    closing: results,
    searchText: question ?? previous?.question ?? undefined,
  };
}
