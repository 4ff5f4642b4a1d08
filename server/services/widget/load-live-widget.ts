import { getDb, type AssistantWidget } from "../../db/client";

export interface LiveWidget {
  widget: AssistantWidget;
  assistantName: string;
  suggestedQuestions: string[];
}

/**
 * The widget settings of an assistant that may serve embeds now: both the widget and the assistant
 * enabled. Read from the database on every embed request (no cache), so that disabling the widget
 * or removing an origin takes effect at once on every replica.
 */
export async function loadLiveWidget(assistantId: string): Promise<LiveWidget | null> {
  const row = await getDb().assistantWidget.findUnique({
    where: { assistantId },
    include: { assistant: { select: { enabled: true, name: true, suggestedQuestions: true } } },
  });
  if (!row?.enabled || !row.assistant.enabled) return null;
  const { assistant, ...widget } = row;
  return { widget, assistantName: assistant.name, suggestedQuestions: assistant.suggestedQuestions };
}
