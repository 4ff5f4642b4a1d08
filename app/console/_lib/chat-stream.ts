// The playground's call to the REST streaming endpoint (POST /assistants/{id}/stream): same origin,
// so the console's session cookie authenticates it. Errors found before the stream starts come back
// as JSON `{ error: { code, message } }` and are thrown as ChatRequestError; failures after it
// starts arrive as an `error` event. Aborting the signal closes the connection, which cancels the
// generation on the server.
import type { AskInput } from "@/server/schemas/chat";
import type { ChatEvent } from "@/server/services/chat/chat-events";
import { readServerSentEvents } from "../../_lib/sse";

export type StreamEvent = ChatEvent & { sequence_number: number };

export type StreamChatInput = Pick<
  AskInput,
  "message" | "session_id" | "reasoning" | "overrides" | "replace_from"
>;

export class ChatRequestError extends Error {
  override name = "ChatRequestError";

  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

async function requestError(response: Response): Promise<ChatRequestError> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code === "string" && typeof message === "string") {
      return new ChatRequestError(code, message, response.status);
    }
  } catch {
    // Not the API's JSON error shape (a proxy's HTML page, say): fall through to the status.
  }
  return new ChatRequestError(
    `HTTP_${response.status}`,
    `The server answered ${response.status} ${response.statusText}`.trim(),
    response.status,
  );
}

export async function* streamChat(
  assistantId: string,
  input: StreamChatInput,
  signal: AbortSignal,
): AsyncGenerator<StreamEvent> {
  let response: Response;
  try {
    response = await fetch(`/assistants/${encodeURIComponent(assistantId)}/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(input),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ChatRequestError(
      "NETWORK_ERROR",
      "Could not reach the server. Check the connection and retry.",
    );
  }
  if (!response.ok || !response.body) throw await requestError(response);
  for await (const message of readServerSentEvents(response.body)) {
    let event: StreamEvent;
    try {
      event = JSON.parse(message.data) as StreamEvent;
    } catch {
      throw new ChatRequestError("INVALID_STREAM", `The server sent an unreadable '${message.event}' event`);
    }
    yield event;
  }
}
