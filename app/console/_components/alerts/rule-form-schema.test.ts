import { describe, expect, test } from "vitest";
import type { AlertRuleDto } from "@/server/schemas/alerts";
import {
  kindDefaults,
  newRuleDefaults,
  newRuleFormSchema,
  ruleFormSchema,
  toCreateRule,
  toRuleFormValues,
  toRulePatch,
} from "./rule-form-schema";

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
  scope_name: null,
  built_in: true,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

describe("the rule form", () => {
  test("shows rates as percentages and sends back only what changed, as ratios", () => {
    const values = toRuleFormValues(rule);
    expect(values).toMatchObject({ threshold: "20", window_minutes: "5", min_samples: "5", scope: "" });
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
    expect(ruleFormSchema.safeParse({ ...values, name: " " }).error?.issues).toMatchObject([
      { path: ["name"], message: "Enter a name" },
    ]);
  });

  test("a new rule: the kind's usual values, an empty name left to the server, the scope by kind", () => {
    expect(newRuleDefaults("sla_compliance")).toMatchObject({
      threshold: "90",
      window_minutes: "15",
      min_samples: "10",
      name: "",
    });
    expect(kindDefaults("backend_down").threshold).toBe("60");
    const forAssistant = newRuleFormSchema.parse({ ...newRuleDefaults("error_rate"), scope: "support" });
    expect(toCreateRule(forAssistant)).toEqual({
      kind: "error_rate",
      enabled: true,
      threshold: 0.2,
      window_seconds: 300,
      min_samples: 5,
      assistant_id: "support",
    });
    const forBackend = newRuleFormSchema.parse({
      ...newRuleDefaults("backend_down"),
      name: "GPU box",
      threshold: "30",
      scope: "be_1",
    });
    expect(toCreateRule(forBackend)).toMatchObject({
      kind: "backend_down",
      name: "GPU box",
      backend_id: "be_1",
    });
    expect(toCreateRule(newRuleFormSchema.parse(newRuleDefaults("queue_rejections")))).toMatchObject({
      assistant_id: null,
    });
  });

  test("a rule of one's own changes its scope, or watches every assistant again", () => {
    const mine: AlertRuleDto = {
      ...rule,
      id: "alr_1",
      built_in: false,
      assistant_id: "support",
      scope_name: "Support",
    };
    const values = toRuleFormValues(mine);
    expect(values.scope).toBe("support");
    expect(toRulePatch(ruleFormSchema.parse({ ...values, scope: "sales" }), mine)).toEqual({
      assistant_id: "sales",
    });
    expect(toRulePatch(ruleFormSchema.parse({ ...values, scope: "" }), mine)).toEqual({ assistant_id: null });
  });
});
