import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { WidgetDto } from "../../schemas/widget";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { instanceValues } from "../settings/instance-settings";
import { toWidgetDto } from "./widget-dto";

export async function getWidget(actor: Actor, assistantId: string): Promise<WidgetDto> {
  authorize(actor, "assistants:read", assistantId);
  const assistant = await getDb().assistant.findUnique({
    where: { id: assistantId },
    select: { id: true, widget: true },
  });
  if (!assistant) throw notFound("Assistant", assistantId);
  return toWidgetDto(assistantId, assistant.widget, (await instanceValues()).publicBaseUrl);
}
