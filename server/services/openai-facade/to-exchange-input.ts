import { AppError } from "../../errors";
import type { ChatCompletionRequest } from "../../schemas/openai";
import type { ChatTurn } from "../gateway/engines/engine";
import type { ExchangeInput } from "../chat/prepare-exchange";

function textOf(content: ChatCompletionRequest["messages"][number]["content"]): string {
  if (content === null) return "";
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}

/**
 * An OpenAI chat request as a Hearth exchange: the last message (a user message) is the question,
 * the earlier ones are the history (the caller owns the conversation, so the stored session's
 * history is not added), and the request's generation parameters override the assistant's.
 */
export function toExchangeInput(request: ChatCompletionRequest): ExchangeInput {
  const last = request.messages.at(-1);
  if (!last || last.role !== "user") {
    throw new AppError("INVALID_INPUT", "The last message must have role 'user'");
  }
  const history: ChatTurn[] = request.messages.slice(0, -1).map((message) => ({
    role: message.role === "developer" ? "system" : message.role,
    content: textOf(message.content),
  }));
  return {
    message: textOf(last.content),
    user: request.user,
    history,
    generation: {
      temperature: request.temperature ?? undefined,
      top_p: request.top_p ?? undefined,
      max_output_tokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
      reasoning_effort: request.reasoning_effort ?? undefined,
    },
  };
}
