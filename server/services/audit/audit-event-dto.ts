import type { AuditEvent } from "../../db/client";
import type { AuditEventDto } from "../../schemas/audit";
import { redactSecrets } from "./redact";

export function toAuditEventDto(row: AuditEvent): AuditEventDto {
  const changes = row.changes;
  return {
    id: row.id,
    object: "audit_event",
    created_at: row.createdAt.toISOString(),
    actor: row.actor,
    actor_label: row.actorLabel,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    outcome: row.outcome === "failure" ? "failure" : "success",
    client_address: row.clientAddress,
    request_id: row.requestId,
    // Redacted when written; redacted again when read, so a row stored by an older version or by
    // hand cannot show a secret either.
    changes:
      changes !== null && typeof changes === "object" && !Array.isArray(changes)
        ? (redactSecrets(changes) as Record<string, unknown>)
        : { value: redactSecrets(changes) },
  };
}
