import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetAssistant } from "./assistant-cache";

/**
 * Deletes an assistant and everything that belongs to it. Rows that belong to an assistant refer
 * to it with ON DELETE CASCADE, so one statement removes them all, atomically.
 */
export async function deleteAssistant(
  actor: Actor,
  id: string,
): Promise<{ id: string; object: "assistant.deleted"; deleted: true }> {
  authorize(actor, "assistants:write");
  const { count } = await getDb().assistant.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Assistant", id);
  forgetAssistant(id);
  return { id, object: "assistant.deleted", deleted: true };
}
