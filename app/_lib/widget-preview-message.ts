// What the console's widget settings page sends the preview it frames (app/embed/[assistant_id]/preview):
// the form's current look, saved or not. Both pages are Hearth's own origin, and the preview takes
// messages from that origin only.
export const WIDGET_PREVIEW_MESSAGE = "hearth-widget:preview";
/** The preview's "I listen" to its console page, which then sends the form's values. */
export const WIDGET_PREVIEW_READY = "hearth-widget:preview-ready";

export interface WidgetPreviewLook {
  title: string;
  greeting: string;
  primary_color: string;
  language: string;
}
