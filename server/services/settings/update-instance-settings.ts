import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { auditRetentionDaysSchema, DEFAULT_AUDIT_RETENTION_DAYS } from "../../schemas/audit";
import { allowlistEntryProblem, DEFAULT_BACKEND_ALLOWED_HOSTS } from "../../schemas/backend-allowlist";
import type { InstanceSettingsDto, UpdateInstanceSettingsInput } from "../../schemas/settings";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetInstanceSettings, INSTANCE_SETTINGS_ID } from "./instance-settings";
import { toInstanceSettingsDto } from "./instance-settings-dto";
import { recordAudit } from "../audit/record-audit";
import { changedFields } from "../audit/redact";

/** Sets the fields given (null: back to the environment's default); the others keep their values. */
export async function updateInstanceSettings(
  actor: Actor,
  input: UpdateInstanceSettingsInput,
): Promise<InstanceSettingsDto> {
  authorize(actor, "settings:manage");
  const columns = {
    publicBaseUrl: input.public_base_url,
    defaultModel: input.default_model,
    defaultSlaAvgMs: input.default_sla_avg_ms,
    backendAllowedHosts: allowedHostsColumn(input.backend_allowed_hosts),
    auditRetentionDays: retentionColumn(input.audit_retention_days),
  };
  const before = await getDb().instanceSetting.findUnique({ where: { id: INSTANCE_SETTINGS_ID } });
  // An upsert, so that two replicas saving the first settings at once cannot conflict.
  const row = await getDb().instanceSetting.upsert({
    where: { id: INSTANCE_SETTINGS_ID },
    create: { id: INSTANCE_SETTINGS_ID, ...columns },
    update: columns,
  });
  forgetInstanceSettings();
  const after = toInstanceSettingsDto(row);
  await recordAudit({
    actor,
    action: "settings.update",
    target: { type: "settings", id: INSTANCE_SETTINGS_ID },
    changes: changedFields(toInstanceSettingsDto(before), after, ["updated_at", "effective"]),
  });
  return after;
}

/** The allowlist to store, entry by entry checked (the schema did too; callers may skip it). */
function allowedHostsColumn(entries: readonly string[] | null | undefined): string[] | undefined {
  if (entries === undefined) return undefined;
  if (entries === null) return [...DEFAULT_BACKEND_ALLOWED_HOSTS];
  const details = entries.flatMap((entry, index) => {
    const problem = allowlistEntryProblem(entry);
    return problem ? [{ path: `backend_allowed_hosts.${index}`, message: `'${entry}' ${problem}` }] : [];
  });
  const first = details[0];
  if (first) throw new AppError("INVALID_INPUT", `Invalid ${first.path}: ${first.message}`, { details });
  return [...new Set(entries.map((entry) => entry.trim().toLowerCase()))];
}

/** The retention to store, checked here too (callers may skip the schema, as for the allowlist). */
function retentionColumn(days: number | null | undefined): number | undefined {
  if (days === undefined) return undefined;
  if (days === null) return DEFAULT_AUDIT_RETENTION_DAYS;
  if (!auditRetentionDaysSchema.safeParse(days).success) {
    throw new AppError(
      "INVALID_INPUT",
      "Invalid audit_retention_days: must be a whole number of days, 1-3650",
      { details: [{ path: "audit_retention_days", message: "must be a whole number of days, 1-3650" }] },
    );
  }
  return days;
}
