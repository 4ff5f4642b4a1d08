import { getDb } from "../../db/client";
import { AppError, notFound } from "../../errors";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { toAlertRuleDtoWithScope } from "./rule-scope-names";

/** Deletes a rule of one's own, with its alerts; a built-in rule is disabled instead (409). */
export async function deleteAlertRule(
  actor: Actor,
  id: string,
): Promise<{ id: string; object: "alert_rule.deleted"; deleted: true }> {
  authorize(actor, "alerts:manage");
  const db = getDb();
  const row = await db.alertRule.findUnique({ where: { id } });
  if (!row) throw notFound("Alert rule", id);
  if (row.builtIn) {
    throw new AppError("CONFLICT", `'${id}' is a built-in rule: disable it (enabled: false) instead`);
  }
  await db.alertRule.delete({ where: { id } });
  await recordAudit({
    actor,
    action: "alert_rule.delete",
    target: { type: "alert_rule", id },
    changes: { before: await toAlertRuleDtoWithScope(row) },
  });
  return { id, object: "alert_rule.deleted", deleted: true };
}
