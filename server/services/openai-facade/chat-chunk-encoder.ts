// A streaming chat completion in OpenAI's wire format: chat.completion.chunk objects, an optional
// usage chunk, then [DONE]. A failure mid-stream sends an `error` object (the OpenAI SDKs raise
// it) and no [DONE], so a cut answer is never mistaken for a complete one. The exchange ends with
// its completed or error event, so nothing follows them.
import type { ChatEvent } from "../chat/chat-events";

/** A fresh encoder per stream: each exchange event as the `data` payloads of its SSE frames. */
export function chatChunkEncoder(model: string, includeUsage: boolean): (event: ChatEvent) => string[] {
  const created = Math.floor(Date.now() / 1000);
  let id = "chatcmpl-pending";
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    });
  return (event) => {
    switch (event.type) {
      case "response.created":
        id = `chatcmpl-${event.message_id}`;
        return [chunk({ role: "assistant", content: "" })];
      case "reasoning.delta":
        return [chunk({ reasoning_content: event.delta })];
      case "output_text.delta":
        return [chunk({ content: event.delta })];
      case "tool_call.delta": {
        // As OpenAI sends them: the call's id, type and name with its first piece, then pieces.
        const { index, id, name, arguments: text } = event;
        const head = id === undefined ? {} : { id, type: "function" };
        const fn = name === undefined ? { arguments: text } : { name, arguments: text };
        return [chunk({ tool_calls: [{ index, ...head, function: fn }] })];
      }
      case "response.completed": {
        const usage = JSON.stringify({
          id,
          object: "chat.completion.chunk",
          created,
          model,
          choices: [],
          usage: event.response.usage,
        });
        return [chunk({}, event.response.finish_reason), ...(includeUsage ? [usage] : []), "[DONE]"];
      }
      case "error":
        return [
          JSON.stringify({
            error: { message: event.error.message, type: event.error.code, code: event.error.code },
          }),
        ];
      default:
        return [];
    }
  };
}
