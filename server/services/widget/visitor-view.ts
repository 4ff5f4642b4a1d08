// What a widget visitor is shown of an exchange. Visitors are the public: they get the answer,
// the sources only as far as the widget's `sources` setting allows (never relevance scores), and,
// when something fails, a short message in their terms and in the widget's language, with a
// reference the site's operator can look up (the request id; the detail stays in the log and the
// console's transcript). The server's own messages are for operators and integrations: a visitor
// reads the widget's wording of what happened (its code, the widget limit that refused, or the
// hint a widget service gave with `forVisitor`), never the server's text.
import type { AssistantWidget } from "../../db/client";
import type { Citation, ToolRun } from "../../schemas/chat";
import type { VisitorError, VisitorEvent, VisitorSource, VisitorTool } from "../../schemas/widget";
import { fillMessage, widgetMessages, type WidgetMessages } from "../../schemas/widget-messages";
import type { ChatEvent } from "../chat/chat-events";

type SourcesMode = AssistantWidget["sources"];
/** What a widget shows visitors: its `sources`, `toolActivity` and `language` settings. */
export type VisitorView = Pick<AssistantWidget, "sources" | "toolActivity" | "language">;

export function visitorSources(
  citations: readonly Citation[],
  mode: SourcesMode,
  language: string,
): VisitorSource[] {
  if (mode === "off") return [];
  const texts = widgetMessages(language);
  return citations.map((citation) => ({
    title: citation.filename,
    location:
      [
        citation.heading || null,
        citation.page != null ? fillMessage(texts.page, { page: String(citation.page) }) : null,
      ]
        .filter(Boolean)
        .join(", ") || null,
    ...(mode === "passages" ? { passage: citation.quote } : {}),
  }));
}

/** The visitor's wordings of a failure (keys of the widget's texts). */
type VisitorFailureText = keyof Pick<
  WidgetMessages,
  | "sessionExpired"
  | "notAvailable"
  | "notAvailableHere"
  | "tooManyChats"
  | "tooManyMessages"
  | "tooManyRatings"
  | "chatBusy"
  | "busy"
  | "apology"
  | "messageRejected"
  | "messageTooLong"
  | "ownAnswersOnly"
>;

/**
 * The AppError options of a widget service's refusal whose code alone does not say it to a
 * visitor: `new AppError("FORBIDDEN", "...", forVisitor("notAvailableHere"))`.
 */
export const forVisitor = (text: VisitorFailureText) => ({ details: { visitor_text: text } });

/** The widget's own rate limits (consumeRateLimit scopes), each in a visitor's words. */
const WIDGET_LIMITS: Record<string, VisitorFailureText> = {
  "widget-token": "tooManyChats",
  "widget-open": "tooManyChats",
  "widget-ip": "tooManyMessages",
  "widget-session": "tooManyMessages",
  "widget-all": "chatBusy",
  "widget-feedback": "tooManyRatings",
};

const detailOf = (details: unknown, key: string): string | undefined => {
  const value =
    typeof details === "object" && details !== null ? (details as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : undefined;
};

function failureText(code: string, details: unknown): VisitorFailureText {
  const hint = detailOf(details, "visitor_text");
  if (hint && hint in widgetMessages("en")) return hint as VisitorFailureText;
  switch (code) {
    case "UNAUTHORIZED":
      return "sessionExpired";
    case "FORBIDDEN":
    case "ASSISTANT_DISABLED":
      return "notAvailable";
    case "INVALID_INPUT":
      return "messageRejected";
    case "PAYLOAD_TOO_LARGE":
      return "messageTooLong";
    case "RATE_LIMITED":
      return WIDGET_LIMITS[detailOf(details, "limit") ?? ""] ?? "busy";
    default:
      return "apology";
  }
}

/** Codes a visitor is told as they are; anything else is "unavailable" (the operator has the detail). */
const VISITOR_CODES = new Set([
  "UNAUTHORIZED",
  "FORBIDDEN",
  "INVALID_INPUT",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
]);

export function visitorError(
  error: { code: string; details?: unknown; retry_after_seconds?: number },
  reference: string,
  language: string,
): VisitorError {
  const code = error.code === "ASSISTANT_DISABLED" ? "FORBIDDEN" : error.code;
  return {
    code: VISITOR_CODES.has(code) ? code : "UNAVAILABLE",
    message: widgetMessages(language)[failureText(error.code, error.details)],
    reference,
    ...(error.retry_after_seconds !== undefined && { retry_after_seconds: error.retry_after_seconds }),
  };
}

/** A tool as a visitor reads its name: `get_weather` and `docs__get_weather` are "get weather". */
function toolTitle(name: string, kind: string, language: string): string {
  if (kind === "knowledge") return widgetMessages(language).searchingKnowledge;
  const own = name.includes("__") ? name.slice(name.indexOf("__") + 2) : name;
  return own.replace(/[_-]+/g, " ").trim() || name;
}

/**
 * A call (running: `ok` null) as a visitor's line: its title, how it went, and its summary when
 * the widget shows summaries. Never the arguments or the result.
 */
export function visitorTool(
  run: Pick<ToolRun, "id" | "name" | "kind" | "summary"> & { ok: boolean | null },
  view: VisitorView,
): VisitorTool {
  return {
    id: run.id,
    title: toolTitle(run.name, run.kind, view.language),
    status: run.ok === null ? "running" : run.ok ? "done" : "failed",
    ...(run.ok !== null && view.toolActivity === "summaries" && { summary: run.summary }),
  };
}

/** The visitor's event for an exchange event, or null for one they are not shown. */
export function toVisitorEvent(event: ChatEvent, view: VisitorView, reference: string): VisitorEvent | null {
  const mode = view.sources;
  switch (event.type) {
    case "response.created":
      return { type: "response.created", message_id: event.message_id };
    case "rag.completed":
      return mode === "off" || event.citations.length === 0
        ? null
        : { type: "sources", sources: visitorSources(event.citations, mode, view.language) };
    case "output_text.delta":
      return event;
    case "reasoning.delta":
    case "tool_call.delta":
      return null;
    case "tool_call.started":
      return view.toolActivity === "off"
        ? null
        : { type: "tool", ...visitorTool({ ...event, ok: null, summary: "" }, view) };
    case "tool_call.completed":
      return view.toolActivity === "off" ? null : { type: "tool", ...visitorTool(event, view) };
    case "response.completed":
      return {
        type: "response.completed",
        answer: event.response.answer,
        sources: visitorSources(event.response.citations, mode, view.language),
      };
    case "error":
      return { type: "error", error: visitorError(event.error, reference, view.language) };
  }
}
