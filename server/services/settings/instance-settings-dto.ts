import type { InstanceSetting } from "../../db/client";
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
    updated_at: row?.updatedAt.toISOString() ?? null,
  };
}
