import { getDb } from "../../db/client";
import type { InstanceSettingsDto } from "../../schemas/settings";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { INSTANCE_SETTINGS_ID } from "./instance-settings";
import { toInstanceSettingsDto } from "./instance-settings-dto";

export async function getInstanceSettings(actor: Actor): Promise<InstanceSettingsDto> {
  authorize(actor, "settings:read");
  // Uncached: whoever reads the settings page sees what is stored now.
  const row = await getDb().instanceSetting.findUnique({ where: { id: INSTANCE_SETTINGS_ID } });
  return toInstanceSettingsDto(row);
}
