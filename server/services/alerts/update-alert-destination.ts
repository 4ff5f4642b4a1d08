import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AlertDestinationDto, UpdateAlertDestinationInput } from "../../schemas/alerts";
import { sealSecret } from "../../security/secret-box";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { toAlertDestinationDto } from "./alert-dto";
import { sealedUrl } from "./destination-url";

/** Changes a webhook (partial): a URL or secret left out stays as it is; `secret: null` removes it. */
export async function updateAlertDestination(
  actor: Actor,
  id: string,
  patch: UpdateAlertDestinationInput,
): Promise<AlertDestinationDto> {
  authorize(actor, "alerts:manage");
  const db = getDb();
  const row = await db.alertDestination.findUnique({ where: { id } });
  if (!row) throw notFound("Alert destination", id);
  const updated = await db.alertDestination.update({
    where: { id },
    data: {
      name: patch.name,
      format: patch.format,
      enabled: patch.enabled,
      ...(patch.url !== undefined && sealedUrl(patch.url)),
      ...(patch.secret !== undefined && {
        secretSealed: patch.secret === null ? null : sealSecret(patch.secret),
      }),
    },
  });
  const after = toAlertDestinationDto(updated);
  await recordAudit({
    actor,
    action: "alert_destination.update",
    target: { type: "alert_destination", id },
    changes: {
      before: toAlertDestinationDto(row),
      after,
      ...(patch.url !== undefined && { url_changed: true }),
      ...(patch.secret !== undefined && { secret_changed: true }),
    },
  });
  return after;
}
