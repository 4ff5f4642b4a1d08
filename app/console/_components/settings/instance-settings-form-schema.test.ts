import { describe, expect, test } from "vitest";
import type { InstanceSettingsDto } from "@/server/schemas/settings";
import { formErrorMap } from "../../_lib/form-errors";
import {
  allowlistEntries,
  formFieldForPath,
  instanceSettingsFormSchema,
  toFormValues,
  type InstanceSettingsFormValues,
} from "./instance-settings-form-schema";

const defaults = {
  public_base_url: "http://localhost:3000",
  default_model: "gpt-oss-20b",
  default_sla_avg_ms: 90_000,
};
const stored: InstanceSettingsDto = {
  public_base_url: "https://chat.example.com",
  default_model: null,
  default_sla_avg_ms: 45_000,
  effective: { ...defaults, public_base_url: "https://chat.example.com", default_sla_avg_ms: 45_000 },
  defaults,
  backend_allowed_hosts: ["loopback", "private"],
  audit_retention_days: 365,
  updated_at: "2026-05-01T08:00:00.000Z",
};

const parse = (changes: Partial<InstanceSettingsFormValues> = {}) =>
  instanceSettingsFormSchema.safeParse({ ...toFormValues(stored), ...changes }, { error: formErrorMap });

function errorsOf(changes: Partial<InstanceSettingsFormValues>): Record<string, string> {
  const result = parse(changes);
  expect(result.success).toBe(false);
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

describe("the update the form sends", () => {
  test("the stored settings, read into the form, are sent back as they are", () => {
    expect(parse().data).toEqual({
      public_base_url: "https://chat.example.com",
      default_model: null,
      default_sla_avg_ms: 45_000,
      backend_allowed_hosts: ["loopback", "private"],
      audit_retention_days: 365,
    });
  });

  test("an emptied field returns its setting to the default (null)", () => {
    expect(
      parse({
        public_base_url: " ",
        default_model: "",
        default_sla_avg_s: "",
        backend_allowed_hosts: "\n , \n",
        audit_retention_days: "",
      }).data,
    ).toEqual({
      public_base_url: null,
      default_model: null,
      default_sla_avg_ms: null,
      backend_allowed_hosts: null,
      audit_retention_days: null,
    });
  });

  test("seconds become whole milliseconds; allowlist entries one per line or comma-separated", () => {
    const update = parse({
      default_sla_avg_s: "1.1",
      backend_allowed_hosts: "gpu-1.lan, 10.0.0.0/8\n*.example.com",
    });
    expect(update.data?.default_sla_avg_ms).toBe(1100);
    expect(update.data?.backend_allowed_hosts).toEqual(["gpu-1.lan", "10.0.0.0/8", "*.example.com"]);
  });
});

describe("what the form refuses, in the words the console has always used", () => {
  test("an SLA beyond an hour, or none at all", () => {
    expect(errorsOf({ default_sla_avg_s: "5000" })).toEqual({
      default_sla_avg_s: "Enter a number of seconds, up to 3600",
    });
    expect(errorsOf({ default_sla_avg_s: "0" })).toEqual({
      default_sla_avg_s: "Enter a number of seconds, up to 3600",
    });
    expect(parse({ default_sla_avg_s: "3600" }).success).toBe(true);
  });

  test("a retention that is not a whole number of days from 1 to 3650", () => {
    for (const days of ["0", "3651", "1.5"]) {
      expect(errorsOf({ audit_retention_days: days })).toEqual({
        audit_retention_days: "Enter a whole number of days, 1 to 3650",
      });
    }
  });

  test("an allowlist entry the server would refuse is quoted with the reason", () => {
    const errors = errorsOf({ backend_allowed_hosts: "loopback\n10.0.0.0/33" });
    expect(errors.backend_allowed_hosts).toMatch(/^'10\.0\.0\.0\/33' is not a valid CIDR/);
  });

  test("the URL and the model are the server's to judge", () => {
    expect(parse({ public_base_url: "not a url", default_model: "x".repeat(500) }).success).toBe(true);
  });
});

describe("helpers", () => {
  test("allowlistEntries drops blanks", () => {
    expect(allowlistEntries(" a ,, b\n\nc ")).toEqual(["a", "b", "c"]);
  });

  test("server paths land on the form's fields", () => {
    expect(formFieldForPath("default_sla_avg_ms")).toBe("default_sla_avg_s");
    expect(formFieldForPath("backend_allowed_hosts.2")).toBe("backend_allowed_hosts");
    expect(formFieldForPath("public_base_url")).toBe("public_base_url");
    expect(formFieldForPath("effective")).toBeUndefined();
  });
});
