// The widget's conversation as the visitor reads it, and how the answer stream folds into it:
// sources as soon as retrieval is done, a line per tool the assistant calls (as the site's admin
// allows: titles, maybe summaries, never arguments or results), text delta by delta, then the
// final answer (which replaces the deltas) or an error in the visitor's words with a reference for
// the operator. An answer knows its stored message once the stream announces it, so the visitor
// can rate it.
import type { FeedbackRating } from "@/server/schemas/feedback";
import type {
  VisitorError,
  VisitorEvent,
  VisitorSource,
  VisitorTool,
  WidgetTranscriptMessage,
} from "@/server/schemas/widget";

/** A tool the assistant called for the answer, as the visitor sees it. */
export type WidgetToolLine = VisitorTool;

export type WidgetEntry = {
  id: string;
  role: "user" | "assistant";
  content: string;
  sources: VisitorSource[];
  status: string;
  error?: string;
  /** The answer's tool lines, streamed or from a resumed conversation. */
  tools?: WidgetToolLine[];
  /** The stored message (what a rating is given on), once known. */
  messageId?: string;
  /** The visitor's rating of the answer. */
  rating?: FeedbackRating | null;
};

/** A message of a resumed conversation, as the widget shows it. */
export function transcriptEntry(message: WidgetTranscriptMessage): WidgetEntry {
  return { ...message, messageId: message.id };
}

/** Whether the visitor may rate the entry now: a finished answer the server has stored. */
export function isRateable(entry: WidgetEntry): boolean {
  return entry.role === "assistant" && entry.messageId !== undefined && entry.status !== "in_progress";
}

/** The answer's tool lines after an event of one call: a new line, or the same line updated. */
function withToolLine(tools: WidgetToolLine[], line: WidgetToolLine): WidgetToolLine[] {
  return tools.some((tool) => tool.id === line.id)
    ? tools.map((tool) => (tool.id === line.id ? line : tool))
    : [...tools, line];
}

/** What the visitor reads of a failure; the reference lets the site's operator find the detail. */
export function visitorErrorText(
  error: Pick<VisitorError, "message" | "reference">,
  referenceLabel: string,
): string {
  return error.reference ? `${error.message} (${referenceLabel}: ${error.reference})` : error.message;
}

export function failedEntry(entry: WidgetEntry, text: string): WidgetEntry {
  return { ...entry, status: "failed", error: text };
}

/** The answer after one event of its stream; events it does not show leave it as it was. */
export function applyVisitorEvent(
  entry: WidgetEntry,
  event: VisitorEvent,
  referenceLabel: string,
): WidgetEntry {
  switch (event.type) {
    case "response.created":
      return { ...entry, messageId: event.message_id };
    case "sources":
      return { ...entry, sources: event.sources };
    case "output_text.delta":
      return { ...entry, content: entry.content + event.delta };
    case "tool": {
      const { type: _type, ...line } = event;
      return { ...entry, tools: withToolLine(entry.tools ?? [], line) };
    }
    case "response.completed":
      return { ...entry, content: event.answer, sources: event.sources, status: "completed" };
    case "error":
      return failedEntry(entry, visitorErrorText(event.error, referenceLabel));
    default:
      return entry;
  }
}

/** The visitor's question and the empty answer that the stream then fills. */
export function newExchange(message: string, at: number): [question: WidgetEntry, answer: WidgetEntry] {
  return [
    { id: `question-${at}`, role: "user", content: message, sources: [], status: "completed" },
    { id: `answer-${at}`, role: "assistant", content: "", sources: [], status: "in_progress" },
  ];
}
