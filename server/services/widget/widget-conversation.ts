import { getDb } from "../../db/client";
import type { Citation, ToolRun } from "../../schemas/chat";
import type { WidgetTranscriptMessage } from "../../schemas/widget";
import type { WidgetActor } from "./authenticate-widget";
import { visitorSources, visitorTool, type VisitorView } from "./visitor-view";

/** The end user a widget session chats as (the `user` of its chat session). */
export const widgetEndUser = (actor: WidgetActor) => `widget:${actor.widgetSessionId}`;

/** The widget session's conversation: its latest chat session, found by its end user only. */
export async function findWidgetChatSessionId(actor: WidgetActor): Promise<string | null> {
  const row = await getDb().chatSession.findFirst({
    where: { assistantId: actor.assistantId, endUser: { externalId: widgetEndUser(actor) } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** The conversation as its visitor sees it (sources and tool lines as the widget's settings allow). */
export async function loadWidgetTranscript(
  actor: WidgetActor,
  view: VisitorView,
): Promise<WidgetTranscriptMessage[]> {
  const sessionId = await findWidgetChatSessionId(actor);
  if (!sessionId) return [];
  const rows = await getDb().message.findMany({
    where: { sessionId },
    orderBy: [{ createdAt: "asc" }, { role: "desc" }],
    take: 200,
    include: { feedback: { select: { rating: true, giverKind: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    content: row.content,
    status: row.status,
    sources: visitorSources(row.citations as Citation[], view.sources, view.language),
    tools:
      view.toolActivity === "off"
        ? []
        : ((row.toolRuns ?? []) as ToolRun[]).map((run) => visitorTool(run, view)),
    // The visitor's own rating only: an operator's verdict on the conversation is not theirs to read.
    rating: row.feedback?.giverKind === "widget_visitor" ? row.feedback.rating : null,
  }));
}
