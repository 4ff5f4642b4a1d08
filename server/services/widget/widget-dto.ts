import type { AssistantWidget } from "../../db/client";
import { env } from "../../env";
import type { WidgetDto, WidgetPosition } from "../../schemas/widget";
import { WIDGET_LANGUAGES, type WidgetLanguage } from "../../schemas/widget-messages";

export const widgetDefaults = {
  enabled: false,
  allowedOrigins: [] as string[],
  title: "",
  greeting: "",
  primaryColor: "#b45309",
  position: "bottom_right" as AssistantWidget["position"],
  ratePerMinutePerIp: 20,
  ratePerMinutePerSession: 10,
  ratePerMinute: 60,
  sources: "off" as AssistantWidget["sources"],
  toolActivity: "titles" as AssistantWidget["toolActivity"],
  language: "en",
};

/** The stored language, or English for a value this version does not know. */
export const toLanguage = (value: string): WidgetLanguage =>
  (WIDGET_LANGUAGES as readonly string[]).includes(value) ? (value as WidgetLanguage) : "en";

export const toPosition = (value: AssistantWidget["position"]): WidgetPosition =>
  value === "bottom_left" ? "bottom-left" : "bottom-right";

export const fromPosition = (value: WidgetPosition): AssistantWidget["position"] =>
  value === "bottom-left" ? "bottom_left" : "bottom_right";

export function hearthBaseUrl(): string {
  return env.publicUrl.replace(/\/+$/, "");
}

/**
 * The one line an operator pastes into a site; the launcher's look comes from its attributes.
 * `baseUrl` is where sites load it from: the instance settings' public base URL (see
 * settings/instance-settings.ts), HEARTH_PUBLIC_URL unless an admin set another.
 */
export function widgetSnippet(
  assistantId: string,
  look: { position: WidgetPosition; color: string },
  baseUrl: string,
): string {
  return (
    `<script src="${baseUrl}/widget.js" data-assistant="${assistantId}" ` +
    `data-position="${look.position}" data-color="${look.color}" async></script>`
  );
}

/** An assistant that never had its widget configured shows the defaults (disabled). */
export function toWidgetDto(assistantId: string, row: AssistantWidget | null, baseUrl: string): WidgetDto {
  const widget = row ?? { ...widgetDefaults, updatedAt: null };
  return {
    assistant_id: assistantId,
    enabled: widget.enabled,
    allowed_origins: widget.allowedOrigins,
    title: widget.title,
    greeting: widget.greeting,
    primary_color: widget.primaryColor,
    position: toPosition(widget.position),
    rate_per_minute_per_ip: widget.ratePerMinutePerIp,
    rate_per_minute_per_session: widget.ratePerMinutePerSession,
    rate_per_minute: widget.ratePerMinute,
    sources: widget.sources,
    tool_activity: widget.toolActivity,
    language: toLanguage(widget.language),
    snippet: widgetSnippet(
      assistantId,
      {
        position: toPosition(widget.position),
        color: widget.primaryColor,
      },
      baseUrl,
    ),
    updated_at: widget.updatedAt?.toISOString() ?? null,
  };
}
