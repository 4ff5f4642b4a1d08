// The rule editor's form: the threshold typed as people think of it (a percentage for rates,
// seconds or a count otherwise) and checked against the same bounds as the server
// (schemas/alerts.ts), then turned into the API's patch.
import { z } from "zod";
import {
  alertKindSchema,
  alertRuleProblem,
  alertThresholds,
  type AlertRuleDto,
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

export const ruleFormSchema = z
  .object({
    kind: alertKindSchema,
    enabled: z.boolean(),
    threshold: numberText(z.number({ error: "Enter a number" })),
    window_minutes: numberText(
      z
        .number({ error: "Enter a number" })
        .int("Whole minutes")
        .min(1, "At least 1")
        .max(1440, "At most 1440"),
    ),
    min_samples: numberText(
      z
        .number({ error: "Enter a number" })
        .int("A whole number")
        .min(1, "At least 1")
        .max(100_000, "At most 100000"),
    ),
  })
  .superRefine((values, context) => {
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
  });
export type RuleFormValues = z.input<typeof ruleFormSchema>;
export type RuleFormOutput = z.output<typeof ruleFormSchema>;

/** A typed value to the stored threshold: a percentage becomes a ratio. */
export function toThreshold(kind: RuleFormOutput["kind"], typed: number): number {
  return alertThresholds[kind].ratio ? Math.round(typed * 10) / 1000 : typed;
}

export function toRuleFormValues(rule: AlertRuleDto): RuleFormValues {
  const ratio = alertThresholds[rule.kind].ratio;
  return {
    kind: rule.kind,
    enabled: rule.enabled,
    threshold: String(ratio ? Math.round(rule.threshold * 1000) / 10 : rule.threshold),
    window_minutes: String(Math.max(1, Math.round(rule.window_seconds / 60))),
    min_samples: String(rule.min_samples),
  };
}

/** Only what changed. */
export function toRulePatch(values: RuleFormOutput, rule: AlertRuleDto): UpdateAlertRuleInput {
  const patch: UpdateAlertRuleInput = {};
  const threshold = toThreshold(values.kind, values.threshold);
  if (values.enabled !== rule.enabled) patch.enabled = values.enabled;
  if (threshold !== rule.threshold) patch.threshold = threshold;
  if (values.window_minutes * 60 !== rule.window_seconds) patch.window_seconds = values.window_minutes * 60;
  if (values.min_samples !== rule.min_samples) patch.min_samples = values.min_samples;
  return patch;
}
