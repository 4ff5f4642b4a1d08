// The playground's view of a conversation: the user's messages and the assistant's answers, the
// latter with their status, error, reasoning and details. Built from a stream as it arrives, or
// from a stored transcript (sessions.get) to continue it.
import type { Citation, MessageDto } from "@/server/schemas/chat";
import { storedRag, type AnswerDetailsData } from "../chat/answer-details";
import type { AnswerStatus } from "../chat/message-status-badge";

export type ChatError = { code: string; message: string };

export type UserEntry = { role: "user"; key: string; content: string };

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
};

export type ChatEntry = UserEntry | AnswerEntry;

export function entriesFromMessages(
  messages: MessageDto[],
  backendName: (id: string) => string,
): ChatEntry[] {
  return messages.map((message): ChatEntry => {
    if (message.role === "user") return { role: "user", key: message.id, content: message.content };
    return {
      role: "assistant",
      key: message.id,
      content: message.content,
      reasoning: message.reasoning ?? "",
      status: message.status,
      error: message.error,
      citations: message.citations,
      details: {
        model: message.model,
        backend: message.backend_id ? backendName(message.backend_id) : null,
        usage: message.usage,
        timings: message.timings,
        rag: storedRag(message),
      },
    };
  });
}
