// The console's preview of a widget: its look (saved settings) for a console user who may read the
// assistant. It carries no widget token, so the preview page cannot open a conversation; that is
// why the console's own origin can frame it without being one of the widget's allowed origins.
import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { WidgetAppearance } from "../../schemas/widget";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { hearthBaseUrl, toLanguage, widgetDefaults } from "./widget-dto";

export interface WidgetPreview {
  appearance: WidgetAppearance;
  /** The title a widget with none shows. */
  assistantName: string;
}

export async function previewWidget(actor: Actor, assistantId: string): Promise<WidgetPreview> {
  authorize(actor, "assistants:read", assistantId);
  const assistant = await getDb().assistant.findUnique({
    where: { id: assistantId },
    select: { name: true, widget: true, suggestedQuestions: true },
  });
  if (!assistant) throw notFound("Assistant", assistantId);
  const widget = assistant.widget ?? widgetDefaults;
  return {
    assistantName: assistant.name,
    appearance: {
      assistantId,
      title: widget.title || assistant.name,
      greeting: widget.greeting,
      primaryColor: widget.primaryColor,
      // The console that frames it; the page sets its own origin once it runs.
      siteOrigin: hearthBaseUrl(),
      language: toLanguage(widget.language),
      suggestions: assistant.suggestedQuestions,
      preview: true,
    },
  };
}
