import type { InstanceSetting } from "../../db/client";
import { DEFAULT_AUDIT_RETENTION_DAYS } from "../../schemas/audit";
import { DEFAULT_BACKEND_ALLOWED_HOSTS } from "../../schemas/backend-allowlist";
import type { InstanceSettingsDto } from "../../schemas/settings";
import { effectiveValues, environmentDefaults, type InstanceValues } from "./instance-settings";

const toValues = (values: InstanceValues) => ({
  public_base_url: values.publicBaseUrl,
  default_model: values.defaultModel,
  default_sla_avg_ms: values.defaultSlaAvgMs,
});

export function toInstanceSettingsDto(row: InstanceSetting | null): InstanceSettingsDto {
  return {
    public_base_url: row?.publicBaseUrl ?? null,
    default_model: row?.defaultModel ?? null,
    default_sla_avg_ms: row?.defaultSlaAvgMs ?? null,
    effective: toValues(effectiveValues(row)),
    defaults: toValues(environmentDefaults()),
    backend_allowed_hosts: [...(row?.backendAllowedHosts ?? DEFAULT_BACKEND_ALLOWED_HOSTS)],
    audit_retention_days: row?.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
    updated_at: row?.updatedAt.toISOString() ?? null,
  };
}
