import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AlertRuleDto, UpdateAlertRuleInput } from "../../schemas/alerts";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { assertRuleValid } from "./alert-rule-checks";
import { ensureDefaultAlertRules } from "./default-rules";
import { toAlertRuleDtos } from "./rule-scope-names";

/** Changes a rule (partial); its firing alerts follow at the next evaluation. */
export async function updateAlertRule(
  actor: Actor,
  id: string,
  patch: UpdateAlertRuleInput,
): Promise<AlertRuleDto> {
  authorize(actor, "alerts:manage");
  await ensureDefaultAlertRules();
  const db = getDb();
  const row = await db.alertRule.findUnique({ where: { id } });
  if (!row) throw notFound("Alert rule", id);
  await assertRuleValid(row.kind, {
    threshold: patch.threshold ?? row.threshold,
    assistant_id: patch.assistant_id === undefined ? row.assistantId : patch.assistant_id,
    backend_id: patch.backend_id === undefined ? row.backendId : patch.backend_id,
  });
  const updated = await db.alertRule.update({
    where: { id },
    data: {
      name: patch.name,
      enabled: patch.enabled,
      threshold: patch.threshold,
      windowSeconds: patch.window_seconds,
      minSamples: patch.min_samples,
      assistantId: patch.assistant_id,
      backendId: patch.backend_id,
    },
  });
  const [before, after] = await toAlertRuleDtos([row, updated]);
  await recordAudit({
    actor,
    action: "alert_rule.update",
    target: { type: "alert_rule", id },
    changes: { before, after },
  });
  return after!;
}
