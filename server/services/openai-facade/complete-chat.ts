import { AppError } from "../../errors";
import type { ChatCompletion, ChatCompletionRequest } from "../../schemas/openai";
import type { Actor } from "../access/actor";
import { prepareExchange } from "../chat/prepare-exchange";
import { runExchange } from "../chat/run-exchange";
import { toExchangeInput } from "./to-exchange-input";

/** Non-streaming chat completion: the same exchange as ask, in OpenAI's response shape. */
export async function completeChat(
  actor: Actor,
  request: ChatCompletionRequest,
  signal: AbortSignal,
): Promise<ChatCompletion> {
  const prepared = await prepareExchange(actor, request.model, toExchangeInput(request));
  for await (const event of runExchange(prepared, { signal, includeReasoning: true })) {
    if (event.type === "error") {
      const headers =
        event.error.retry_after_seconds !== undefined
          ? { "retry-after": String(event.error.retry_after_seconds) }
          : undefined;
      throw new AppError(event.error.code as AppError["code"], event.error.message, undefined, headers);
    }
    if (event.type !== "response.completed") continue;
    const { response } = event;
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
            content: response.answer,
            ...(response.reasoning ? { reasoning_content: response.reasoning } : {}),
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
  throw new AppError("UPSTREAM_ERROR", "The request was cancelled before the answer was finished");
}
