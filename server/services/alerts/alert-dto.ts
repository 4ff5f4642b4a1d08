// Rows to the admin API's shapes. A destination's URL and secret never leave the service: only the
// preview and whether a secret is set. A rule's scope name is looked up by the caller
// (rule-scope-names.ts), this module staying free of queries.
import type { AlertDelivery, AlertDestination, AlertIncident, AlertRule } from "../../db/client";
import type {
  AlertDeliveryDto,
  AlertDestinationDto,
  AlertDto,
  AlertEvent,
  AlertRuleDto,
} from "../../schemas/alerts";

export function toAlertRuleDto(row: AlertRule, scopeName: string | null): AlertRuleDto {
  return {
    id: row.id,
    object: "alert_rule",
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    threshold: row.threshold,
    window_seconds: row.windowSeconds,
    min_samples: row.minSamples,
    assistant_id: row.assistantId,
    backend_id: row.backendId,
    scope_name: scopeName,
    built_in: row.builtIn,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toAlertDestinationDto(row: AlertDestination): AlertDestinationDto {
  return {
    id: row.id,
    object: "alert_destination",
    name: row.name,
    format: row.format,
    url_preview: row.urlPreview,
    has_secret: row.secretSealed !== null,
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toAlertDeliveryDto(row: AlertDelivery): AlertDeliveryDto {
  return {
    object: "alert_delivery",
    destination_id: row.destinationId,
    destination_name: row.destinationName,
    event: row.event as AlertEvent,
    ok: row.ok,
    status_code: row.statusCode,
    error: row.error,
    duration_ms: row.durationMs,
    attempts: row.attempts,
    next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

export type IncidentWithRule = AlertIncident & { rule: AlertRule; deliveries?: AlertDelivery[] };

export function toAlertDto(row: IncidentWithRule): AlertDto {
  return {
    id: row.id,
    object: "alert",
    rule_id: row.ruleId,
    rule_name: row.rule.name,
    kind: row.rule.kind,
    subject: row.subject,
    subject_label: row.subjectLabel,
    state: row.state,
    value: row.value,
    threshold: row.rule.threshold,
    message: row.message,
    started_at: row.startedAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    resolved_at: row.resolvedAt?.toISOString() ?? null,
    deliveries: (row.deliveries ?? []).map(toAlertDeliveryDto),
  };
}
