// A streaming chat completion in OpenAI's wire format: chat.completion.chunk objects, an optional
// usage chunk, then [DONE]. A failure mid-stream sends an `error` object (the OpenAI SDKs raise
// it) and no [DONE], so a cut answer is never mistaken for a complete one.
import type { ChatEvent } from "../chat/chat-events";

export async function* streamChatChunks(
  events: AsyncIterable<ChatEvent>,
  model: string,
  includeUsage: boolean,
): AsyncGenerator<string> {
  const created = Math.floor(Date.now() / 1000);
  let id = "chatcmpl-pending";
  const chunk = (delta: Record<string, string>, finish: string | null = null) =>
    JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    });
  for await (const event of events) {
    switch (event.type) {
      case "response.created":
        id = `chatcmpl-${event.message_id}`;
        yield chunk({ role: "assistant", content: "" });
        break;
      case "reasoning.delta":
        yield chunk({ reasoning_content: event.delta });
        break;
      case "output_text.delta":
        yield chunk({ content: event.delta });
        break;
      case "response.completed":
        yield chunk({}, event.response.finish_reason);
        if (includeUsage) {
          yield JSON.stringify({
            id,
            object: "chat.completion.chunk",
            created,
            model,
            choices: [],
            usage: event.response.usage,
          });
        }
        yield "[DONE]";
        return;
      case "error":
        yield JSON.stringify({
          error: { message: event.error.message, type: event.error.code, code: event.error.code },
        });
        return;
      default:
        break;
    }
  }
}
