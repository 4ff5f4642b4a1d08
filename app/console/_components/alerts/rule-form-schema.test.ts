import { describe, expect, test } from "vitest";
import type { AlertRuleDto } from "@/server/schemas/alerts";
import { ruleFormSchema, toRuleFormValues, toRulePatch } from "./rule-form-schema";

const rule: AlertRuleDto = {
  id: "error_rate",
  object: "alert_rule",
  kind: "error_rate",
  name: "High error rate",
  enabled: true,
  threshold: 0.2,
  window_seconds: 300,
  min_samples: 5,
  assistant_id: null,
  backend_id: null,
  built_in: true,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

describe("the rule form", () => {
  test("shows rates as percentages and sends back only what changed, as ratios", () => {
    const values = toRuleFormValues(rule);
    expect(values).toMatchObject({ threshold: "20", window_minutes: "5", min_samples: "5" });
    const parsed = ruleFormSchema.parse({ ...values, threshold: "12.5", enabled: false });
    expect(toRulePatch(parsed, rule)).toEqual({ threshold: 0.125, enabled: false });
    expect(toRulePatch(ruleFormSchema.parse(values), rule)).toEqual({});
  });

  test("refuses what the server would", () => {
    const values = toRuleFormValues(rule);
    const high = ruleFormSchema.safeParse({ ...values, threshold: "150" });
    expect(high.error?.issues).toMatchObject([{ path: ["threshold"], message: "Between 1% and 100%" }]);
    const down = ruleFormSchema.safeParse({ ...values, kind: "backend_down", threshold: "2.5" });
    expect(down.error?.issues).toMatchObject([{ path: ["threshold"] }]);
    expect(ruleFormSchema.safeParse({ ...values, window_minutes: "" }).error?.issues[0]?.message).toBe(
      "Enter a number",
    );
  });
});
