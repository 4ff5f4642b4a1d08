import { getDb } from "../../db/client";
import { AppError, notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";

/** Removes a refused origin from the console's list without allowing it (it returns if it asks again). */
export async function dismissRefusedOrigin(
  actor: Actor,
  input: { assistantId: string; origin: string },
): Promise<void> {
  authorize(actor, "assistants:write", input.assistantId);
  const db = getDb();
  const assistant = await db.assistant.findUnique({ where: { id: input.assistantId }, select: { id: true } });
  if (!assistant) throw notFound("Assistant", input.assistantId);
  const { count } = await db.widgetRefusedOrigin.deleteMany({
    where: { assistantId: input.assistantId, origin: input.origin },
  });
  if (count === 0)
    throw new AppError("NOT_FOUND", `${input.origin} is not among the widget's refused origins`);
  await recordAudit({
    actor,
    action: "widget.dismiss_refused_origin",
    target: { type: "assistant", id: input.assistantId },
    changes: { origin: input.origin },
  });
}
