import { AppError } from "../../errors";
import type { ChatCompletionRequest, OpenAiMessage } from "../../schemas/openai";
import type { ChatTurn, ForwardedFields } from "../gateway/engines/engine";
import type { ExchangeInput } from "../chat/prepare-exchange";

type Content = string | readonly { type: "text"; text: string }[] | null | undefined;

function textOf(content: Content): string {
  if (content == null) return "";
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}

function toTurn(message: OpenAiMessage): ChatTurn {
  const name = message.name ? { name: message.name } : {};
  switch (message.role) {
    case "system":
    case "developer":
      return { role: "system", content: textOf(message.content), ...name };
    case "user":
      return { role: "user", content: textOf(message.content), ...name };
    case "assistant": {
      const reasoning = message.reasoning_content ?? message.reasoning;
      return {
        role: "assistant",
        content: textOf(message.content),
        ...name,
        ...(message.tool_calls?.length ? { tool_calls: message.tool_calls } : {}),
        // Earlier reasoning matters to the model only around its tool calls; elsewhere it is dropped,
        // as GPT-OSS's chat format does.
        ...(reasoning && message.tool_calls?.length ? { reasoning_content: reasoning } : {}),
      };
    }
    case "tool":
      return { role: "tool", content: textOf(message.content), tool_call_id: message.tool_call_id, ...name };
  }
}

const invalid = (message: string) => new AppError("INVALID_INPUT", message);

/**
 * Tool results answer calls the model made: each `tool` message names a call of the assistant
 * message before it (as OpenAI requires; a chat template given an unmatched result may fail).
 */
function assertToolResultsMatch(turns: ChatTurn[]): void {
  let open = new Map<string, string>();
  turns.forEach((turn, index) => {
    if (turn.role === "assistant") {
      open = new Map((turn.tool_calls ?? []).map((call) => [call.id, call.function.name]));
    } else if (turn.role === "tool") {
      if (!open.has(turn.tool_call_id)) {
        throw invalid(
          `messages[${index}]: a 'tool' message must answer a tool call of the assistant message before it ` +
            `(no call '${turn.tool_call_id}')`,
        );
      }
    } else {
      open = new Map();
    }
  });
}

/** The tools and sampling extras the caller gave, checked against each other (the Responses API's too). */
export function forwardedOf(request: Pick<ChatCompletionRequest, keyof ForwardedFields>): ForwardedFields {
  const { tools, tool_choice, parallel_tool_calls, stop, seed, frequency_penalty, presence_penalty } =
    request;
  if (tool_choice !== undefined && tool_choice !== "none" && !tools?.length) {
    throw invalid("tool_choice needs tools");
  }
  if (
    typeof tool_choice === "object" &&
    !tools?.some((tool) => tool.function.name === tool_choice.function.name)
  ) {
    throw invalid(`tool_choice names '${tool_choice.function.name}', which is not one of the tools`);
  }
  const names = new Set<string>();
  for (const tool of tools ?? []) {
    if (names.has(tool.function.name)) throw invalid(`tools: '${tool.function.name}' is given twice`);
    names.add(tool.function.name);
  }
  return Object.fromEntries(
    Object.entries({
      tools: tools?.length ? tools : undefined,
      tool_choice: tools?.length ? tool_choice : undefined,
      parallel_tool_calls: tools?.length ? parallel_tool_calls : undefined,
      stop,
      seed,
      frequency_penalty,
      presence_penalty,
    }).filter(([, value]) => value != null),
  );
}

/** What the transcript stores for tool results sent back to the model. */
export function describeResults(results: Extract<ChatTurn, { role: "tool" }>[], turns: ChatTurn[]): string {
  const names = new Map(
    turns.flatMap((turn) =>
      turn.role === "assistant" ? (turn.tool_calls ?? []).map((call) => [call.id, call.function.name]) : [],
    ),
  );
  return results
    .map(
      (result) =>
        `Result of ${names.get(result.tool_call_id) ?? "a tool"} (${result.tool_call_id}): ${result.content}`,
    )
    .join("\n");
}

/**
 * An OpenAI chat request as a Hearth exchange. The caller owns the conversation, so the stored
 * session's history is not added; the request's generation parameters override the assistant's.
 * The request ends with a user message (the question) or with tool results for the model's calls
 * (a tool loop: the results end the prompt, the knowledge search looks for the last question, and
 * the transcript stores the results as what was sent).
 */
export function toExchangeInput(request: ChatCompletionRequest): ExchangeInput {
  const turns = request.messages.map(toTurn);
  assertToolResultsMatch(turns);
  const last = turns.at(-1)!;
  const generation = {
    temperature: request.temperature ?? undefined,
    top_p: request.top_p ?? undefined,
    max_output_tokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    reasoning_effort: request.reasoning_effort ?? undefined,
  };
  const common = {
    user: request.user,
    generation,
    forwarded: forwardedOf(request),
    channel: "openai" as const,
  };
  if (last.role === "user") return { ...common, message: last.content, history: turns.slice(0, -1) };
  if (last.role !== "tool") throw invalid("The last message must have role 'user' or 'tool'");
  const start = turns.findLastIndex((turn) => turn.role !== "tool") + 1;
  const results = turns.slice(start) as Extract<ChatTurn, { role: "tool" }>[];
  const question = turns.findLast((turn) => turn.role === "user");
  return {
    ...common,
    message: describeResults(results, turns),
    closing: results,
    searchText: question?.content,
    history: turns.slice(0, start),
  };
}
