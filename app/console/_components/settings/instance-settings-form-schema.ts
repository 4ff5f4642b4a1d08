// The instance settings form's values and validation. Inputs hold text; an empty field returns a
// setting to the environment's default (null in the API). The SLA and the retention are checked
// with the server's own schemas, the allowlist entry by entry with the server's own rule; the URL
// and the model are left to the server, whose messages land on their fields.
import { z } from "zod";
import { auditRetentionDaysSchema } from "@/server/schemas/audit";
import { allowlistEntryProblem } from "@/server/schemas/backend-allowlist";
import {
  defaultSlaAvgMsSchema,
  type InstanceSettingsDto,
  type UpdateInstanceSettingsInput,
} from "@/server/schemas/settings";

const isBlank = (value: string) => value.trim() === "";
const trimmedOrNull = (value: string) => value.trim() || null;

/** The allowlist's entries as typed: one per line or separated by commas. */
export const allowlistEntries = (text: string) =>
  text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter(Boolean);

/** A number field whose blank means "the default", judged by `target` with one message. */
function optionalNumber(target: z.ZodNumber, toApi: (value: number) => number, message: string) {
  return z.string().transform((value, ctx) => {
    if (isBlank(value)) return null;
    const parsed = target.safeParse(toApi(Number(value)));
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  });
}

const allowlistField = z.string().transform((value, ctx) => {
  const hosts = allowlistEntries(value);
  for (const entry of hosts) {
    const problem = allowlistEntryProblem(entry);
    if (!problem) continue;
    ctx.addIssue({ code: "custom", message: `'${entry}' ${problem}` });
    return z.NEVER;
  }
  // Emptied: back to the default list (a list that allows nothing is not offered here).
  return hosts.length > 0 ? hosts : null;
});

/** The form's output is the update as the API takes it, every setting given. */
export const instanceSettingsFormSchema = z
  .object({
    public_base_url: z.string().transform(trimmedOrNull),
    default_model: z.string().transform(trimmedOrNull),
    default_sla_avg_s: optionalNumber(
      defaultSlaAvgMsSchema,
      (seconds) => Math.round(seconds * 1000),
      "Enter a number of seconds, up to 3600",
    ),
    backend_allowed_hosts: allowlistField,
    audit_retention_days: optionalNumber(
      auditRetentionDaysSchema,
      (days) => days,
      "Enter a whole number of days, 1 to 3650",
    ),
  })
  .transform(({ default_sla_avg_s, ...rest }): UpdateInstanceSettingsInput => ({
    ...rest,
    default_sla_avg_ms: default_sla_avg_s,
  }));

export type InstanceSettingsFormValues = z.input<typeof instanceSettingsFormSchema>;

export function toFormValues(settings: InstanceSettingsDto): InstanceSettingsFormValues {
  return {
    public_base_url: settings.public_base_url ?? "",
    default_model: settings.default_model ?? "",
    default_sla_avg_s: settings.default_sla_avg_ms === null ? "" : String(settings.default_sla_avg_ms / 1000),
    backend_allowed_hosts: settings.backend_allowed_hosts.join("\n"),
    audit_retention_days: String(settings.audit_retention_days),
  };
}

/** The form field a server validation path belongs to. */
export function formFieldForPath(path: string): keyof InstanceSettingsFormValues | undefined {
  const head = path.split(".")[0] ?? "";
  if (head === "default_sla_avg_ms") return "default_sla_avg_s";
  const fields: string[] = [
    "public_base_url",
    "default_model",
    "backend_allowed_hosts",
    "audit_retention_days",
  ];
  return fields.includes(head) ? (head as keyof InstanceSettingsFormValues) : undefined;
}
