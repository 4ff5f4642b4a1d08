"use client";
// The widget's live preview: Hearth's preview page of the widget in an iframe (the panel visitors
// open), sent the form's look as it is edited, saved or not, and the launcher button drawn beside
// it. The preview page is framed only by Hearth's own pages and opens no conversation, so showing
// it here allows the console nothing on the real widget (app/embed/[assistant_id]/preview).
import { MessageSquare } from "lucide-react";
import { useEffect, useRef } from "react";
import {
  WIDGET_PREVIEW_MESSAGE,
  WIDGET_PREVIEW_READY,
  type WidgetPreviewLook,
} from "../../../_lib/widget-preview-message";

const COLOUR = /^#[0-9a-fA-F]{6}$/;

export function WidgetPreviewFrame({
  assistantId,
  look,
  position,
}: {
  assistantId: string;
  look: WidgetPreviewLook;
  position: string;
}) {
  const frame = useRef<HTMLIFrameElement>(null);

  // Sends the look now, and again whenever the preview page (re)loads and says it listens.
  useEffect(() => {
    const send = () =>
      frame.current?.contentWindow?.postMessage(
        { type: WIDGET_PREVIEW_MESSAGE, look },
        window.location.origin,
      );
    send();
    function onReady(event: MessageEvent<{ type?: unknown }>) {
      if (event.origin === window.location.origin && event.source === frame.current?.contentWindow) {
        if (event.data?.type === WIDGET_PREVIEW_READY) send();
      }
    }
    window.addEventListener("message", onReady);
    return () => window.removeEventListener("message", onReady);
  }, [look]);

  const colour = COLOUR.test(look.primary_color) ? look.primary_color : "#b45309";
  const left = position === "bottom-left";
  return (
    <div
      className={`flex flex-col gap-3 rounded-md bg-stone-100 p-4 dark:bg-stone-800 ${left ? "items-start" : "items-end"}`}
    >
      <iframe
        ref={frame}
        src={`/embed/${encodeURIComponent(assistantId)}/preview`}
        title="Widget preview"
        data-widget-preview
        className="h-[28rem] w-full max-w-[380px] rounded-xl border-0 bg-white shadow-lg"
      />
      <span
        aria-hidden
        data-widget-preview-launcher
        className="flex size-14 items-center justify-center rounded-full text-white shadow-lg"
        style={{ backgroundColor: colour }}
      >
        <MessageSquare className="size-6" />
      </span>
    </div>
  );
}
