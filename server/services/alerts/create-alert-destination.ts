import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import type { AlertDestinationDto, CreateAlertDestinationInput } from "../../schemas/alerts";
import { sealSecret } from "../../security/secret-box";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { toAlertDestinationDto } from "./alert-dto";
import { sealedUrl } from "./destination-url";

/** Adds a webhook; where it may connect is checked on each delivery (webhook-hosts.ts). */
export async function createAlertDestination(
  actor: Actor,
  input: CreateAlertDestinationInput,
): Promise<AlertDestinationDto> {
  authorize(actor, "alerts:manage");
  const row = await getDb().alertDestination.create({
    data: {
      id: `ald_${randomBytes(8).toString("hex")}`,
      name: input.name,
      format: input.format,
      ...sealedUrl(input.url),
      secretSealed: input.secret ? sealSecret(input.secret) : null,
      enabled: input.enabled ?? true,
    },
  });
  const created = toAlertDestinationDto(row);
  await recordAudit({
    actor,
    action: "alert_destination.create",
    target: { type: "alert_destination", id: row.id },
    changes: { after: created },
  });
  return created;
}
