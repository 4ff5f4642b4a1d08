import { describe, expect, test } from "vitest";
import type { WidgetDto } from "@/server/schemas/widget";
import { formErrorMap } from "../../_lib/form-errors";
import {
  pickerColour,
  toFormValues,
  unsavedEdits,
  widgetFormSchema,
  type WidgetFormValues,
} from "./widget-form-schema";

const widget: WidgetDto = {
  assistant_id: "support",
  enabled: false,
  allowed_origins: ["https://shop.example", "http://127.0.0.1:4000"],
  title: "Help",
  greeting: "Hello!",
  primary_color: "#ea580c",
  position: "bottom-right",
  rate_per_minute_per_ip: 10,
  rate_per_minute_per_session: 5,
  rate_per_minute: 600,
  sources: "titles",
  tool_activity: "titles",
  language: "de",
  snippet: '<script src="http://localhost:3000/widget.js" data-assistant="support" async></script>',
  updated_at: null,
};

const parse = (changes: Partial<WidgetFormValues>) =>
  widgetFormSchema.safeParse({ ...toFormValues(widget), ...changes }, { error: formErrorMap });

function errorsOf(changes: Partial<WidgetFormValues>): Record<string, string> {
  const result = parse(changes);
  expect(result.success).toBe(false);
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

describe("the settings the form sends", () => {
  test("the stored settings read back into the form make the same settings", () => {
    const { snippet: _snippet, assistant_id: _id, updated_at: _at, ...settings } = widget;
    expect(parse({}).data).toEqual(settings);
  });

  test("origins one per line (blank lines and spaces ignored), as browsers write them", () => {
    const settings = parse({
      allowed_origins: "  https://WWW.Example.com:443 \n\n http://localhost:8080\t",
    }).data;
    expect(settings?.allowed_origins).toEqual(["https://www.example.com", "http://localhost:8080"]);
    expect(parse({ allowed_origins: "" }).data?.allowed_origins).toEqual([]);
  });

  test("numbers from the rate fields; the colour in lower case; text trimmed", () => {
    const settings = parse({
      rate_per_minute_per_ip: "20",
      primary_color: "#AABBCC",
      title: "  Shop help ",
    }).data;
    expect(settings).toMatchObject({
      rate_per_minute_per_ip: 20,
      primary_color: "#aabbcc",
      title: "Shop help",
    });
  });
});

describe("what the form refuses, with the server's messages", () => {
  test("an origin with a path, or that is not a URL, is named in the message", () => {
    expect(errorsOf({ allowed_origins: "https://ok.example\nhttps://shop.example/page" })).toEqual({
      allowed_origins:
        "'https://shop.example/page' is not an origin: write scheme, host and port only, e.g. https://www.example.com",
    });
    expect(errorsOf({ allowed_origins: "shop.example" })).toHaveProperty("allowed_origins");
  });

  test("more origins than the server keeps", () => {
    const many = Array.from({ length: 51 }, (_, index) => `https://site${index}.example`).join("\n");
    expect(errorsOf({ allowed_origins: many })).toEqual({ allowed_origins: "at most 50 origins" });
  });

  test("a colour that is not #rrggbb; rate limits blank or out of range", () => {
    expect(errorsOf({ primary_color: "orange" })).toEqual({ primary_color: "must be a colour as #rrggbb" });
    expect(
      errorsOf({ rate_per_minute_per_ip: "", rate_per_minute: "0", rate_per_minute_per_session: "1.5" }),
    ).toEqual({
      rate_per_minute_per_ip: "Required",
      rate_per_minute: "At least 1",
      rate_per_minute_per_session: "Enter a whole number",
    });
  });

  test("a title longer than the widget's header holds", () => {
    expect(errorsOf({ title: "x".repeat(81) })).toEqual({ title: "At most 80 characters" });
  });
});

describe("unsavedEdits, when Allow saves the widget under the form", () => {
  const allowed = { ...widget, allowed_origins: [...widget.allowed_origins, "https://blog.example"] };

  test("fields the user changed stay as typed; untouched ones are not edits", () => {
    const typed = { ...toFormValues(widget), title: "Shop help", rate_per_minute: "90" };
    expect(unsavedEdits(typed, widget, allowed)).toEqual({ title: "Shop help", rate_per_minute: "90" });
    expect(unsavedEdits(toFormValues(widget), widget, allowed)).toEqual({});
  });

  test("a typed origins list gains the origin the server allowed meanwhile, once", () => {
    const typed = { ...toFormValues(widget), allowed_origins: "https://shop.example\nhttps://new.example" };
    expect(unsavedEdits(typed, widget, allowed)).toEqual({
      allowed_origins: "https://shop.example\nhttps://new.example\nhttps://blog.example",
    });
    const alreadyTyped = { ...typed, allowed_origins: "https://blog.example" };
    expect(unsavedEdits(alreadyTyped, widget, allowed)).toEqual({ allowed_origins: "https://blog.example" });
  });
});

describe("pickerColour", () => {
  test("the typed colour once complete, black while it is being typed", () => {
    expect(pickerColour("#A1b2C3")).toBe("#A1b2C3");
    expect(pickerColour("#a1b")).toBe("#000000");
  });
});
