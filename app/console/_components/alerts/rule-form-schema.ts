// The rule form, to add a rule or edit one: the threshold typed as people think of it (a
// percentage for rates, seconds or a count otherwise) and checked against the same bounds as the
// server (schemas/alerts.ts), the scope as an assistant or a backend picked by name ("" for every
// one), then turned into the API's input or patch. Adding, an empty name takes the kind's usual one.
import { z } from "zod";
import {
  alertKindSchema,
  alertRuleDefaults,
  alertRuleProblem,
  alertThresholds,
  type AlertKind,
  type AlertRuleDto,
  type CreateAlertRuleInput,
  type UpdateAlertRuleInput,
} from "@/server/schemas/alerts";

/** A number typed in a text input. */
const numberText = (inner: z.ZodNumber) =>
  z
    .string()
    .trim()
    .min(1, "Enter a number")
    .transform(Number)
    .pipe(inner.refine(Number.isFinite, "Enter a number"));

const ruleFields = z.object({
  kind: alertKindSchema,
  name: z.string().trim().max(120, "At most 120 characters"),
  enabled: z.boolean(),
  threshold: numberText(z.number({ error: "Enter a number" })),
  window_minutes: numberText(
    z.number({ error: "Enter a number" }).int("Whole minutes").min(1, "At least 1").max(1440, "At most 1440"),
  ),
  min_samples: numberText(
    z
      .number({ error: "Enter a number" })
      .int("A whole number")
      .min(1, "At least 1")
      .max(100_000, "At most 100000"),
  ),
  /** The assistant (or, for backend_down, the backend) watched; "" for every one. */
  scope: z.string(),
});

function checkThreshold(values: z.output<typeof ruleFields>, context: z.RefinementCtx) {
  const problem = alertRuleProblem(values.kind, {
    threshold: toThreshold(values.kind, values.threshold),
    assistant_id: null,
    backend_id: null,
  });
  if (problem) {
    const bounds = alertThresholds[values.kind];
    const message = bounds.ratio
      ? `Between ${bounds.min * 100}% and ${bounds.max * 100}%`
      : `A whole number from ${bounds.min} to ${bounds.max}`;
    context.addIssue({ code: "custom", path: ["threshold"], message });
  }
}

/** Editing a rule: its name stays required. */
export const ruleFormSchema = ruleFields.superRefine((values, context) => {
  checkThreshold(values, context);
  if (values.name === "") context.addIssue({ code: "custom", path: ["name"], message: "Enter a name" });
});

/** Adding a rule: an empty name is the kind's usual one. */
export const newRuleFormSchema = ruleFields.superRefine(checkThreshold);

export type RuleFormValues = z.input<typeof ruleFields>;
export type RuleFormOutput = z.output<typeof ruleFields>;

/** A typed value to the stored threshold: a percentage becomes a ratio. */
export function toThreshold(kind: AlertKind, typed: number): number {
  return alertThresholds[kind].ratio ? Math.round(typed * 10) / 1000 : typed;
}

function typedThreshold(kind: AlertKind, threshold: number): string {
  return String(alertThresholds[kind].ratio ? Math.round(threshold * 1000) / 10 : threshold);
}

/** The fields a kind starts with, as typed: what changing the kind in the form fills in. */
export function kindDefaults(
  kind: AlertKind,
): Pick<RuleFormValues, "threshold" | "window_minutes" | "min_samples"> {
  const defaults = alertRuleDefaults[kind];
  return {
    threshold: typedThreshold(kind, defaults.threshold),
    window_minutes: String(defaults.window_seconds / 60),
    min_samples: String(defaults.min_samples),
  };
}

export function newRuleDefaults(kind: AlertKind = "error_rate"): RuleFormValues {
  return { kind, name: "", enabled: true, scope: "", ...kindDefaults(kind) };
}

export function toRuleFormValues(rule: AlertRuleDto): RuleFormValues {
  return {
    kind: rule.kind,
    name: rule.name,
    enabled: rule.enabled,
    threshold: typedThreshold(rule.kind, rule.threshold),
    window_minutes: String(Math.max(1, Math.round(rule.window_seconds / 60))),
    min_samples: String(rule.min_samples),
    scope: rule.backend_id ?? rule.assistant_id ?? "",
  };
}

/** The scope as the API's fields: a backend for backend_down, an assistant otherwise. */
function scopeFields(kind: AlertKind, scope: string) {
  const id = scope === "" ? null : scope;
  return kind === "backend_down" ? { backend_id: id } : { assistant_id: id };
}

export function toCreateRule(values: RuleFormOutput): CreateAlertRuleInput {
  return {
    kind: values.kind,
    ...(values.name ? { name: values.name } : {}),
    enabled: values.enabled,
    threshold: toThreshold(values.kind, values.threshold),
    window_seconds: values.window_minutes * 60,
    min_samples: values.min_samples,
    ...scopeFields(values.kind, values.scope),
  };
}

/** Only what changed. */
export function toRulePatch(values: RuleFormOutput, rule: AlertRuleDto): UpdateAlertRuleInput {
  const patch: UpdateAlertRuleInput = {};
  const threshold = toThreshold(values.kind, values.threshold);
  if (values.name !== rule.name) patch.name = values.name;
  if (values.enabled !== rule.enabled) patch.enabled = values.enabled;
  if (threshold !== rule.threshold) patch.threshold = threshold;
  if (values.window_minutes * 60 !== rule.window_seconds) patch.window_seconds = values.window_minutes * 60;
  if (values.min_samples !== rule.min_samples) patch.min_samples = values.min_samples;
  if (values.scope !== (rule.backend_id ?? rule.assistant_id ?? "")) {
    Object.assign(patch, scopeFields(rule.kind, values.scope));
  }
  return patch;
}
