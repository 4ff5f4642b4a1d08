// The rules a deployment starts with. They are written on first use (every read of the rules and
// every evaluation makes sure they exist; an insert that skips existing ids, so concurrent replicas
// only repeat each other), and since their ids are fixed they can be edited or disabled but not
// deleted: a deleted one would only come back.
import type { Prisma } from "../../db/client";
import { getDb } from "../../db/client";
import { alertKindSchema, alertRuleDefaults } from "../../schemas/alerts";

/** One per kind, with the kind as its id, in the kinds' order. */
export const DEFAULT_ALERT_RULES: Prisma.AlertRuleCreateManyInput[] = alertKindSchema.options.map((kind) => {
  const defaults = alertRuleDefaults[kind];
  return {
    id: kind,
    kind,
    name: defaults.name,
    threshold: defaults.threshold,
    windowSeconds: defaults.window_seconds,
    minSamples: defaults.min_samples,
    builtIn: true,
  };
});

export async function ensureDefaultAlertRules(): Promise<void> {
  await getDb().alertRule.createMany({ data: DEFAULT_ALERT_RULES, skipDuplicates: true });
}
