import { describe, expect, test } from "vitest";
import { formErrorMap } from "../../_lib/form-errors";
import {
  fieldError,
  loadTestFormDefaults,
  loadTestFormSchema,
  promptsFromFile,
  type LoadTestFormValues,
} from "./loadtest-form-schema";

type Changes = Partial<Omit<LoadTestFormValues, "prompts" | "sla">> & {
  prompts?: Partial<LoadTestFormValues["prompts"]>;
  sla?: Partial<LoadTestFormValues["sla"]>;
};

function form(changes: Changes = {}): LoadTestFormValues {
  const base = { ...loadTestFormDefaults, assistant_id: "support" };
  return {
    ...base,
    ...changes,
    prompts: { ...base.prompts, ...changes.prompts },
    sla: { ...base.sla, ...changes.sla },
  };
}

const parse = (changes: Changes = {}) => loadTestFormSchema.safeParse(form(changes), { error: formErrorMap });

/** The first message on each field, as the form shows them. */
function errorsOf(changes: Changes): Record<string, string> {
  const result = parse(changes);
  expect(result.success).toBe(false);
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

describe("the request", () => {
  test("the defaults start the reference scenario on the chosen assistant", () => {
    expect(parse().data).toEqual({
      assistant_id: "support",
      label: "",
      endpoint: "stream",
      user_levels: [5, 10, 15, 25],
      duration_seconds: 300,
      ramp_up_seconds: 0,
      think_time_ms: 0,
      prompts: { source: "builtin" },
      sla: { avg_ms: undefined, p95_ms: undefined, ttft_ms: undefined, error_rate: undefined },
    });
  });

  test("levels as typed, requests per user instead of a duration, blank ramp-up and think time are 0", () => {
    const request = parse({
      user_levels: " 10,2  4 ,",
      mode: "requests",
      amount: "7",
      ramp_up_seconds: "",
      think_time_ms: " ",
      endpoint: "ask",
      label: "after upgrade",
    }).data;
    expect(request).toMatchObject({
      user_levels: [10, 2, 4],
      requests_per_user: 7,
      ramp_up_seconds: 0,
      think_time_ms: 0,
      endpoint: "ask",
      label: "after upgrade",
    });
    expect(request).not.toHaveProperty("duration_seconds");
  });

  test("SLA targets: seconds and percent in the form, whole milliseconds and a share in the API", () => {
    const request = parse({ sla: { avg_s: "1.1", p95_s: "2.5", ttft_ms: "300", error_percent: "5" } }).data;
    expect(request?.sla).toEqual({ avg_ms: 1100, p95_ms: 2500, ttft_ms: 300, error_rate: 0.05 });
  });

  test("pasted prompts: one per line, blank lines dropped; sampled ones: how many", () => {
    const custom = parse({
      prompts: { source: "custom", items: " Where is my order?\n\n  Can I return it? \r\n" },
    });
    expect(custom.data?.prompts).toEqual({
      source: "custom",
      items: ["Where is my order?", "Can I return it?"],
    });
    const sessions = parse({ prompts: { source: "sessions", limit: "40", items: "ignored" } });
    expect(sessions.data?.prompts).toEqual({ source: "sessions", limit: 40 });
  });
});

describe("what the form refuses, on the field it belongs to", () => {
  test("no assistant chosen", () => {
    expect(errorsOf({ assistant_id: "" })).toEqual({ assistant_id: "Required" });
  });

  test("a level out of range is named by its position; levels must differ", () => {
    expect(errorsOf({ user_levels: "5, 0" })).toEqual({ user_levels: "Level 2: At least 1" });
    expect(errorsOf({ user_levels: "5, 501" })).toEqual({ user_levels: "Level 2: At most 500" });
    expect(errorsOf({ user_levels: "5, 5" })).toEqual({ user_levels: "user levels must be different" });
    expect(errorsOf({ user_levels: "" })).toHaveProperty("user_levels");
    const thirteen = Array.from({ length: 13 }, (_, index) => index + 1).join(",");
    expect(errorsOf({ user_levels: thirteen })).toEqual({ user_levels: "At most 12 items" });
  });

  test("the amount is required, and its limit follows the mode", () => {
    expect(errorsOf({ amount: "" })).toEqual({ amount: "Required" });
    expect(errorsOf({ amount: "4000" })).toEqual({ amount: "At most 3600" });
    expect(parse({ mode: "requests", amount: "4000" }).success).toBe(true);
    expect(errorsOf({ amount: "1.5" })).toEqual({ amount: "Enter a whole number" });
  });

  test("the ramp-up must end before the level does (the server's own rule)", () => {
    expect(errorsOf({ amount: "10", ramp_up_seconds: "10" })).toEqual({
      ramp_up_seconds: "ramp_up_seconds must be shorter than duration_seconds",
    });
    expect(parse({ mode: "requests", amount: "10", ramp_up_seconds: "10" }).success).toBe(true);
  });

  test("prompts: at least one when pasted, a count when sampled", () => {
    expect(errorsOf({ prompts: { source: "custom", items: "\n \n" } })).toEqual({
      "prompts.items": "give at least one prompt",
    });
    expect(errorsOf({ prompts: { source: "custom", items: `ok\n${"x".repeat(16_001)}` } })).toEqual({
      "prompts.items": "Prompt 2: At most 16000 characters",
    });
    expect(errorsOf({ prompts: { source: "sessions", limit: "" } })).toEqual({ "prompts.limit": "Required" });
    // A hidden field's value does not count against the chosen prompt set.
    expect(parse({ prompts: { source: "builtin", items: "", limit: "" } }).success).toBe(true);
  });

  test("SLA targets are judged in the units the fields show", () => {
    expect(errorsOf({ sla: { error_percent: "150" } })).toEqual({ "sla.error_percent": "At most 100" });
    expect(errorsOf({ sla: { avg_s: "0" } })).toEqual({ "sla.avg_s": "Greater than 0" });
    expect(errorsOf({ sla: { p95_s: "7200" } })).toEqual({ "sla.p95_s": "At most 3600" });
    expect(errorsOf({ sla: { ttft_ms: "0" } })).toEqual({ "sla.ttft_ms": "At least 1" });
  });
});

describe("fieldError", () => {
  test("places the server's problems on the form's fields", () => {
    expect(fieldError("body.assistant_id", "No such assistant")).toEqual({
      field: "assistant_id",
      message: "No such assistant",
    });
    expect(fieldError("requests_per_user", "x")?.field).toBe("amount");
    expect(fieldError("duration_seconds", "x")?.field).toBe("amount");
    expect(fieldError("sla.avg_ms", "x")?.field).toBe("sla.avg_s");
    expect(fieldError("sla.error_rate", "x")?.field).toBe("sla.error_percent");
    expect(fieldError("prompts", "x")?.field).toBe("prompts.source");
    expect(fieldError("prompts.items.0", "too long")).toEqual({
      field: "prompts.items",
      message: "Prompt 1: too long",
    });
  });

  test("a path the form has no field for is left to the form's general message", () => {
    expect(fieldError("request_timeout_seconds", "x")).toBeUndefined();
    expect(fieldError("sla", "x")).toBeUndefined();
  });
});

describe("promptsFromFile", () => {
  test("a JSON array of strings (anything else in it skipped)", () => {
    expect(promptsFromFile("set.JSON", '["a", 2, "b"]')).toEqual(["a", "b"]);
    expect(() => promptsFromFile("set.json", '{"a": 1}')).toThrow("must hold an array of strings");
  });

  test("CSV: the first column, unquoted; text: one per line", () => {
    expect(promptsFromFile("set.csv", 'question,tag\n"Where is it?",x\r\n\nHow much,y')).toEqual([
      "question",
      "Where is it?",
      "How much",
    ]);
    expect(promptsFromFile("set.txt", " one \n\ntwo, with a comma\n")).toEqual(["one", "two, with a comma"]);
  });
});
