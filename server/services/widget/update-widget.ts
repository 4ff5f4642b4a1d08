import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import { updateWidgetInputSchema, type UpdateWidgetInput, type WidgetDto } from "../../schemas/widget";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { instanceValues } from "../settings/instance-settings";
import { fromPosition, toWidgetDto } from "./widget-dto";
import { recordAudit } from "../audit/record-audit";
import { changedFields } from "../audit/redact";

/** Creates the widget settings on first use; a change applies to the very next embed request. */
export async function updateWidget(
  actor: Actor,
  assistantId: string,
  input: UpdateWidgetInput,
): Promise<WidgetDto> {
  authorize(actor, "assistants:write", assistantId);
  const changes = updateWidgetInputSchema.parse(input);
  const db = getDb();
  const exists = await db.assistant.findUnique({
    where: { id: assistantId },
    select: { id: true, widget: true },
  });
  if (!exists) throw notFound("Assistant", assistantId);
  const baseUrl = (await instanceValues()).publicBaseUrl;
  const data = {
    enabled: changes.enabled,
    allowedOrigins: changes.allowed_origins ? [...new Set(changes.allowed_origins)] : undefined,
    title: changes.title,
    greeting: changes.greeting,
    primaryColor: changes.primary_color,
    position: changes.position ? fromPosition(changes.position) : undefined,
    ratePerMinutePerIp: changes.rate_per_minute_per_ip,
    ratePerMinutePerSession: changes.rate_per_minute_per_session,
    ratePerMinute: changes.rate_per_minute,
    sources: changes.sources,
    toolActivity: changes.tool_activity,
    language: changes.language,
  };
  const row = await db.assistantWidget.upsert({
    where: { assistantId },
    create: { assistantId, ...data, allowedOrigins: data.allowedOrigins ?? [] },
    update: data,
  });
  // An origin allowed now is no longer one the console should offer to allow.
  await db.widgetRefusedOrigin.deleteMany({ where: { assistantId, origin: { in: row.allowedOrigins } } });
  const after = toWidgetDto(assistantId, row, baseUrl);
  await recordAudit({
    actor,
    action: "widget.update",
    target: { type: "assistant", id: assistantId },
    changes: changedFields(toWidgetDto(assistantId, exists.widget, baseUrl), after),
  });
  return after;
}
