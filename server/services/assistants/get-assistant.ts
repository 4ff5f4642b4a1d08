import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AssistantDto } from "../../schemas/assistant";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { toAssistantDto } from "./assistant-dto";

export async function getAssistant(actor: Actor, id: string): Promise<AssistantDto> {
  authorize(actor, "assistants:read");
  const row = await getDb().assistant.findUnique({ where: { id } });
  if (!row) throw notFound("Assistant", id);
  return toAssistantDto(row);
}
