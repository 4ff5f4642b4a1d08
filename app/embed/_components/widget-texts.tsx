"use client";
// The widget's texts in its language (the `language` setting), for every component of the iframe.
import { createContext, useContext, type ReactNode } from "react";
import { widgetMessages, type WidgetLanguage, type WidgetMessages } from "@/server/schemas/widget-messages";

const WidgetTextsContext = createContext<WidgetMessages>(widgetMessages("en"));

export function WidgetTexts({ language, children }: { language: WidgetLanguage; children: ReactNode }) {
  return <WidgetTextsContext value={widgetMessages(language)}>{children}</WidgetTextsContext>;
}

export const useWidgetTexts = () => useContext(WidgetTextsContext);
