// The rules a deployment starts with. They are written on first use (every read of the rules and
// every evaluation makes sure they exist; an insert that skips existing ids, so concurrent replicas
// only repeat each other), and since their ids are fixed they can be edited or disabled but not
// deleted: a deleted one would only come back.
import type { Prisma } from "../../db/client";
import { getDb } from "../../db/client";

export const DEFAULT_ALERT_RULES: Prisma.AlertRuleCreateManyInput[] = (
  [
    { id: "backend_down", kind: "backend_down", name: "Backend down", threshold: 60, windowSeconds: 60 },
    {
      id: "sla_compliance",
      kind: "sla_compliance",
      name: "SLA compliance below target",
      threshold: 0.9,
      windowSeconds: 900,
      minSamples: 10,
    },
    {
      id: "error_rate",
      kind: "error_rate",
      name: "High error rate",
      threshold: 0.2,
      windowSeconds: 300,
      minSamples: 5,
    },
    {
      id: "ingestion_failures",
      kind: "ingestion_failures",
      name: "Ingestion failures",
      threshold: 1,
      windowSeconds: 900,
    },
    {
      id: "queue_rejections",
      kind: "queue_rejections",
      name: "Questions refused by admission control",
      threshold: 10,
      windowSeconds: 300,
    },
  ] satisfies Prisma.AlertRuleCreateManyInput[]
).map((rule) => ({ ...rule, builtIn: true }));

export async function ensureDefaultAlertRules(): Promise<void> {
  await getDb().alertRule.createMany({ data: DEFAULT_ALERT_RULES, skipDuplicates: true });
}
