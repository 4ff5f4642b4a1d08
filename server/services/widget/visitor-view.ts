// What a widget visitor is shown of an exchange. Visitors are the public: they get the answer,
// the sources only as far as the widget's `sources` setting allows (never relevance scores), and,
// when something fails, a short message in their terms with a reference the site's operator can
// look up (the request id; the detail stays in the log and the console's transcript). Messages
// Hearth writes for visitors themselves (the widget's limits, a chat that is not available, a
// question that is too long) pass through; anything else becomes the generic apology.
import type { AssistantWidget } from "../../db/client";
import type { Citation, ToolRun } from "../../schemas/chat";
import type { VisitorError, VisitorEvent, VisitorSource, VisitorTool } from "../../schemas/widget";
import type { ChatEvent } from "../chat/chat-events";

type SourcesMode = AssistantWidget["sources"];
/** What a widget shows visitors: its `sources` and `toolActivity` settings. */
export type VisitorView = Pick<AssistantWidget, "sources" | "toolActivity">;

export function visitorSources(citations: readonly Citation[], mode: SourcesMode): VisitorSource[] {
  if (mode === "off") return [];
  return citations.map((citation) => ({
    title: citation.filename,
    location:
      [citation.heading || null, citation.page != null ? `page ${citation.page}` : null]
        .filter(Boolean)
        .join(", ") || null,
    ...(mode === "passages" ? { passage: citation.quote } : {}),
  }));
}

/** Codes whose messages Hearth words for the person asking, with nothing of the operator's in them. */
const VISITOR_WORDED = new Set([
  "UNAUTHORIZED",
  "FORBIDDEN",
  "INVALID_INPUT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
]);

const BUSY = "Many people are asking right now. Please try again in a moment.";
const APOLOGY = "Sorry, no answer could be given just now. Please try again in a moment.";

export function visitorError(
  error: { code: string; message: string; retry_after_seconds?: number },
  reference: string,
  widgetLimit = false,
): VisitorError {
  const retry =
    error.retry_after_seconds !== undefined ? { retry_after_seconds: error.retry_after_seconds } : {};
  if (VISITOR_WORDED.has(error.code) || (error.code === "RATE_LIMITED" && widgetLimit)) {
    return { code: error.code, message: error.message, reference, ...retry };
  }
  if (error.code === "RATE_LIMITED") return { code: error.code, message: BUSY, reference, ...retry };
  if (error.code === "ASSISTANT_DISABLED") {
    return { code: "FORBIDDEN", message: "This chat is not available.", reference };
  }
  return { code: "UNAVAILABLE", message: APOLOGY, reference };
}

/** A tool as a visitor reads its name: `get_weather` and `docs__get_weather` are "get weather". */
function toolTitle(name: string, kind: string): string {
  if (kind === "knowledge") return "Searching the knowledge files";
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
    title: toolTitle(run.name, run.kind),
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
        : { type: "sources", sources: visitorSources(event.citations, mode) };
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
        sources: visitorSources(event.response.citations, mode),
      };
    case "error":
      return { type: "error", error: visitorError(event.error, reference) };
  }
}
