import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { requireReadableAssistant } from "./require-readable-assistant";
import { recordAudit } from "../audit/record-audit";

/** Deletes a session with its messages. Runtime keys of the assistant and operators may do it. */
export async function deleteSession(
  actor: Actor,
  assistantId: string,
  sessionId: string,
): Promise<{ id: string; object: "session.deleted"; deleted: true }> {
  await requireReadableAssistant(actor, assistantId);
  authorize(actor, "runtime:use", assistantId);
  const { count } = await getDb().chatSession.deleteMany({ where: { id: sessionId, assistantId } });
  if (count === 0) throw notFound("Session", sessionId);
  await recordAudit({
    actor,
    action: "session.delete",
    target: { type: "session", id: sessionId },
    changes: { before: { assistant_id: assistantId } },
  });
  return { id: sessionId, object: "session.deleted", deleted: true };
}
