import { describe, expect, test } from "vitest";
import { startLoadTestInputSchema } from "@/server/schemas/loadtest";

const parse = (input: Record<string, unknown>) =>
  startLoadTestInputSchema.safeParse({ assistant_id: "support", ...input });

function firstIssue(input: Record<string, unknown>) {
  const result = parse(input);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return { path: issue.path.join("."), message: issue.message };
}

describe("startLoadTestInputSchema", () => {
  test("fills in the defaults: stream, 5/10/15/25 users, built-in prompts, no ramp-up or think time", () => {
    expect(parse({}).data).toEqual({
      assistant_id: "support",
      label: "",
      endpoint: "stream",
      user_levels: [5, 10, 15, 25],
      ramp_up_seconds: 0,
      think_time_ms: 0,
      request_timeout_seconds: 300,
      prompts: { source: "builtin" },
      sla: {},
    });
  });

  test("sorts user levels", () => {
    expect(parse({ user_levels: [10, 1, 5] }).data?.user_levels).toEqual([1, 5, 10]);
  });

  test.each([
    [{ user_levels: [5, 5] }, "user_levels", "user levels must be different"],
    [{ user_levels: [] }, "user_levels", "Too small: expected array to have >=1 items"],
    [{ user_levels: [0] }, "user_levels.0", "Too small: expected number to be >=1"],
    [{ user_levels: [501] }, "user_levels.0", "Too big: expected number to be <=500"],
    [{ user_levels: [1.5] }, "user_levels.0", "Invalid input: expected int, received number"],
    [
      { duration_seconds: 10, requests_per_user: 2 },
      "requests_per_user",
      "give duration_seconds or requests_per_user, not both",
    ],
    [
      { duration_seconds: 10, ramp_up_seconds: 10 },
      "ramp_up_seconds",
      "ramp_up_seconds must be shorter than duration_seconds",
    ],
    [{ endpoint: "chat" }, "endpoint", 'Invalid option: expected one of "ask"|"stream"'],
    [{ prompts: { source: "custom", items: [] } }, "prompts.items", "give at least one prompt"],
    [{ prompts: { source: "custom", items: ["  "] } }, "prompts.items.0", "prompts may not be empty"],
    [
      { prompts: { source: "web" } },
      "prompts.source",
      "Invalid discriminator value. Expected 'builtin' | 'custom' | 'sessions'",
    ],
    [{ sla: { avg_ms: 0 } }, "sla.avg_ms", "Too small: expected number to be >=1"],
    [{ sla: { error_rate: 2 } }, "sla.error_rate", "Too big: expected number to be <=1"],
    [{ sla: { max_ms: 5 } }, "sla", 'Unrecognized key: "max_ms"'],
    [{ target_url: "http://evil.example" }, "", 'Unrecognized key: "target_url"'],
    [{ assistant_id: "Not An Id" }, "assistant_id", expect.stringContaining("lowercase") as string],
  ])("refuses %j", (input, path, message) => {
    expect(firstIssue(input)).toEqual({ path, message });
  });
});
