import { getDb } from "../../db/client";
import type { InstanceSettingsDto, UpdateInstanceSettingsInput } from "../../schemas/settings";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { forgetInstanceSettings, INSTANCE_SETTINGS_ID } from "./instance-settings";
import { toInstanceSettingsDto } from "./instance-settings-dto";

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
  };
  // An upsert, so that two replicas saving the first settings at once cannot conflict.
  const row = await getDb().instanceSetting.upsert({
    where: { id: INSTANCE_SETTINGS_ID },
    create: { id: INSTANCE_SETTINGS_ID, ...columns },
    update: columns,
  });
  forgetInstanceSettings();
  return toInstanceSettingsDto(row);
}
