import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AssistantDto } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetAssistant } from "./assistant-cache";
import { toAssistantDto } from "./assistant-dto";
import { recordAudit } from "../audit/record-audit";

/** Enables or disables an assistant. A disabled one keeps its data and refuses runtime traffic. */
export async function setAssistantEnabled(actor: Actor, id: string, enabled: boolean): Promise<AssistantDto> {
  authorize(actor, "assistants:write");
  const { count } = await getDb().assistant.updateMany({ where: { id }, data: { enabled } });
  if (count === 0) throw notFound("Assistant", id);
  forgetAssistant(id);
  await recordAudit({
    actor,
    action: enabled ? "assistant.enable" : "assistant.disable",
    target: { type: "assistant", id },
  });
  const row = await getDb().assistant.findUniqueOrThrow({ where: { id } });
  return toAssistantDto(row);
}
