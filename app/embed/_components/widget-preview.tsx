"use client";
// The console's live preview: the widget's panel with the look its settings form holds now, saved
// or not. The console page sends the form's values; only a message from a page of this very origin
// (the console framing the preview) is taken.
import { useEffect, useState } from "react";
import type { WidgetAppearance } from "@/server/schemas/widget";
import { WIDGET_LANGUAGES, type WidgetLanguage } from "@/server/schemas/widget-messages";
import {
  WIDGET_PREVIEW_MESSAGE,
  WIDGET_PREVIEW_READY,
  type WidgetPreviewLook,
} from "../../_lib/widget-preview-message";
import { WidgetChat } from "./widget-chat";

/** A look as received: another page's message is not trusted to have the declared shape. */
type PreviewLook = { [K in keyof WidgetPreviewLook]?: unknown };

const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);

function applyLook(current: WidgetAppearance, look: PreviewLook, assistantName: string): WidgetAppearance {
  const color = text(look.primary_color, current.primaryColor);
  const language = text(look.language, current.language);
  return {
    ...current,
    title: text(look.title, current.title).trim() || assistantName,
    greeting: text(look.greeting, current.greeting).trim(),
    primaryColor: /^#[0-9a-fA-F]{6}$/.test(color) ? color : current.primaryColor,
    language: (WIDGET_LANGUAGES as readonly string[]).includes(language)
      ? (language as WidgetLanguage)
      : current.language,
  };
}

export function WidgetPreview({
  initial,
  assistantName,
}: {
  initial: WidgetAppearance;
  assistantName: string;
}) {
  // Its "site" is the console page framing it, on this very origin (not rendered: no mismatch).
  const [appearance, setAppearance] = useState(() =>
    typeof window === "undefined" ? initial : { ...initial, siteOrigin: window.location.origin },
  );
  useEffect(() => {
    const origin = window.location.origin;
    function onMessage(event: MessageEvent<{ type?: unknown; look?: PreviewLook }>) {
      if (
        event.origin !== origin ||
        event.source !== window.parent ||
        event.data?.type !== WIDGET_PREVIEW_MESSAGE
      )
        return;
      const look = event.data.look ?? {};
      setAppearance((current) => applyLook(current, look, assistantName));
    }
    window.addEventListener("message", onMessage);
    // Tells the console the preview listens, so it sends the form's current values.
    window.parent.postMessage({ type: WIDGET_PREVIEW_READY }, origin);
    return () => window.removeEventListener("message", onMessage);
  }, [assistantName]);
  return <WidgetChat appearance={appearance} pageToken="" />;
}
