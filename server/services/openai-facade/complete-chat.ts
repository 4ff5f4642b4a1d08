import type { ChatCompletion, ChatCompletionRequest } from "../../schemas/openai";
import type { Actor } from "../access/actor";
import { prepareExchange } from "../chat/prepare-exchange";
import { addToolCallFragment, toolCallsMade } from "../chat/tool-calls";
import type { ToolCall } from "../gateway/engines/engine";
import { runToCompletion } from "../runtime/exchange/run-to-completion";
import { toExchangeInput } from "./to-exchange-input";

/** Non-streaming chat completion: the same exchange as ask, in OpenAI's response shape. */
export async function completeChat(
  actor: Actor,
  request: ChatCompletionRequest,
  signal: AbortSignal,
): Promise<ChatCompletion> {
  const prepared = await prepareExchange(actor, request.model, toExchangeInput(request));
  const calls: ToolCall[] = [];
  const response = await runToCompletion(prepared, { signal, includeReasoning: true }, (event) => {
    if (event.type === "tool_call.delta") addToolCallFragment(calls, event);
  });
  const toolCalls = toolCallsMade(calls);
  return {
    id: `chatcmpl-${response.message_id}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: toolCalls && !response.answer ? null : response.answer,
          ...(response.reasoning ? { reasoning_content: response.reasoning } : {}),
          ...(toolCalls && { tool_calls: toolCalls }),
        },
        finish_reason: response.finish_reason,
        logprobs: null,
      },
    ],
    usage: response.usage,
    hearth: {
      session_id: response.session_id,
      message_id: response.message_id,
      rag: response.rag,
      citations: response.citations,
    },
  };
}
