import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";

/** Reading an assistant's sessions and users: allowed for its runtime keys and console roles. */
export async function requireReadableAssistant(actor: Actor, assistantId: string): Promise<void> {
  authorize(actor, "sessions:read", assistantId);
  const exists = await getDb().assistant.findUnique({ where: { id: assistantId }, select: { id: true } });
  if (!exists) throw notFound("Assistant", assistantId);
}
