import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AlertDeliveryDto } from "../../schemas/alerts";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { deliverTo } from "./deliver-alert";

/**
 * Posts a test message to a destination (enabled or not) and answers how it went: a failed
 * delivery is a 200 with `ok: false` and the reason, since the request itself was fine.
 */
export async function testAlertDestination(actor: Actor, id: string): Promise<AlertDeliveryDto> {
  authorize(actor, "alerts:manage");
  const row = await getDb().alertDestination.findUnique({ where: { id } });
  if (!row) throw notFound("Alert destination", id);
  const delivery = await deliverTo(row, "test", null, null);
  await recordAudit({
    actor,
    action: "alert_destination.test",
    target: { type: "alert_destination", id },
    outcome: delivery.ok ? "success" : "failure",
    changes: { status_code: delivery.status_code, error: delivery.error },
  });
  return delivery;
}
