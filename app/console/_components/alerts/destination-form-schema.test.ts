import { describe, expect, test } from "vitest";
import type { AlertDestinationDto } from "@/server/schemas/alerts";
import {
  destinationFormSchema,
  newDestinationDefaults,
  newDestinationFormSchema,
  toCreateDestination,
  toDestinationFormValues,
  toDestinationPatch,
} from "./destination-form-schema";

const destination: AlertDestinationDto = {
  id: "ald_1",
  object: "alert_destination",
  name: "ops",
  format: "slack",
  url_preview: "https://hooks.slack.com/…",
  has_secret: true,
  enabled: true,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

describe("the webhook form", () => {
  test("adding: the URL is required, an empty secret is none", () => {
    const empty = newDestinationFormSchema.safeParse({ ...newDestinationDefaults, name: "ops" });
    expect(empty.error?.issues).toMatchObject([{ path: ["url"], message: "Enter the webhook's URL" }]);
    const bad = newDestinationFormSchema.safeParse({
      ...newDestinationDefaults,
      name: "ops",
      url: "ftp://x",
    });
    expect(bad.error?.issues[0]?.message).toBe("The URL must be an http:// or https:// URL");
    const values = newDestinationFormSchema.parse({
      ...newDestinationDefaults,
      name: "ops",
      url: "https://hooks.example.com/a",
    });
    expect(toCreateDestination(values)).toEqual({
      name: "ops",
      format: "slack",
      url: "https://hooks.example.com/a",
    });
  });

  test("editing: an empty URL or secret keeps it, only what changed is sent", () => {
    const values = toDestinationFormValues(destination);
    expect(values).toMatchObject({ url: "", secret: "", remove_secret: false, enabled: true });
    expect(toDestinationPatch(destinationFormSchema.parse(values), destination)).toEqual({});
    const changed = destinationFormSchema.parse({
      ...values,
      name: "on-call",
      format: "generic",
      url: "https://alerts.example.com/hearth",
      secret: "a-new-secret-0123456789",
      enabled: false,
    });
    expect(toDestinationPatch(changed, destination)).toEqual({
      name: "on-call",
      format: "generic",
      url: "https://alerts.example.com/hearth",
      secret: "a-new-secret-0123456789",
      enabled: false,
    });
  });

  test("editing: removing the secret sends null, and wins over one typed", () => {
    const values = destinationFormSchema.parse({
      ...toDestinationFormValues(destination),
      remove_secret: true,
      secret: "typed-but-removed-0123",
    });
    expect(toDestinationPatch(values, destination)).toEqual({ secret: null });
    const short = destinationFormSchema.safeParse({
      ...toDestinationFormValues(destination),
      secret: "short",
    });
    expect(short.error?.issues[0]?.message).toBe("16 to 256 characters, or none");
  });
});
