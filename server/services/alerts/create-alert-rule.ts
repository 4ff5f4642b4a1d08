import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import { alertRuleDefaults, type AlertRuleDto, type CreateAlertRuleInput } from "../../schemas/alerts";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { assertRuleValid } from "./alert-rule-checks";
import { toAlertRuleDtoWithScope } from "./rule-scope-names";

export async function createAlertRule(actor: Actor, input: CreateAlertRuleInput): Promise<AlertRuleDto> {
  authorize(actor, "alerts:manage");
  const fields = {
    threshold: input.threshold,
    assistant_id: input.assistant_id ?? null,
    backend_id: input.backend_id ?? null,
  };
  await assertRuleValid(input.kind, fields);
  const defaults = alertRuleDefaults[input.kind];
  const row = await getDb().alertRule.create({
    data: {
      id: `alr_${randomBytes(8).toString("hex")}`,
      kind: input.kind,
      name: input.name ?? defaults.name,
      enabled: input.enabled ?? true,
      threshold: input.threshold,
      windowSeconds: input.window_seconds ?? defaults.window_seconds,
      minSamples: input.min_samples ?? defaults.min_samples,
      assistantId: fields.assistant_id,
      backendId: fields.backend_id,
    },
  });
  const created = await toAlertRuleDtoWithScope(row);
  await recordAudit({
    actor,
    action: "alert_rule.create",
    target: { type: "alert_rule", id: row.id },
    changes: { after: created },
  });
  return created;
}
