// The instance settings in force, for the code that applies them (new assistants, the widget
// snippet, the widget's origin check): the stored row's values, or the environment's where a
// setting is unset. Read through the short-lived cache every replica uses (see cache/read-cache.ts).
import { getDb, type InstanceSetting } from "../../db/client";
import { env } from "../../env";
import { createReadCache } from "../cache/read-cache";

/** The settings' one row. */
export const INSTANCE_SETTINGS_ID = "instance";

/** The SLA average of a new assistant when neither the request nor the settings give one. */
export const DEFAULT_SLA_AVG_MS = 90_000;

export interface InstanceValues {
  publicBaseUrl: string;
  defaultModel: string;
  defaultSlaAvgMs: number;
}

export function environmentDefaults(): InstanceValues {
  return {
    publicBaseUrl: env.publicUrl.replace(/\/+$/, ""),
    defaultModel: env.defaultModel,
    defaultSlaAvgMs: DEFAULT_SLA_AVG_MS,
  };
}

export function effectiveValues(row: InstanceSetting | null): InstanceValues {
  const defaults = environmentDefaults();
  return {
    publicBaseUrl: row?.publicBaseUrl ?? defaults.publicBaseUrl,
    defaultModel: row?.defaultModel ?? defaults.defaultModel,
    defaultSlaAvgMs: row?.defaultSlaAvgMs ?? defaults.defaultSlaAvgMs,
  };
}

const cache = createReadCache<InstanceSetting | null>("instance-settings", 1);

export function findInstanceSettingsRow(): Promise<InstanceSetting | null> {
  return cache.get(INSTANCE_SETTINGS_ID, () =>
    getDb().instanceSetting.findUnique({ where: { id: INSTANCE_SETTINGS_ID } }),
  );
}

/** The values in force (no caller: internal reads, made on behalf of an already authorized one). */
export async function instanceValues(): Promise<InstanceValues> {
  return effectiveValues(await findInstanceSettingsRow());
}

/** Called by every write, so this replica applies a change at once. */
export function forgetInstanceSettings(): void {
  cache.forget();
}
