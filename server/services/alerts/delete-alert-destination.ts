import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { toAlertDestinationDto } from "./alert-dto";

/** Deletes a webhook; the deliveries made to it stay in the alerts' history, under its name. */
export async function deleteAlertDestination(
  actor: Actor,
  id: string,
): Promise<{ id: string; object: "alert_destination.deleted"; deleted: true }> {
  authorize(actor, "alerts:manage");
  const db = getDb();
  const row = await db.alertDestination.findUnique({ where: { id } });
  if (!row) throw notFound("Alert destination", id);
  await db.alertDestination.delete({ where: { id } });
  await recordAudit({
    actor,
    action: "alert_destination.delete",
    target: { type: "alert_destination", id },
    changes: { before: toAlertDestinationDto(row) },
  });
  return { id, object: "alert_destination.deleted", deleted: true };
}
