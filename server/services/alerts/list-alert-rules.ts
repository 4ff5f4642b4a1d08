import { getDb } from "../../db/client";
import { notFound } from "../../errors";
import type { AlertRuleDto } from "../../schemas/alerts";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { DEFAULT_ALERT_RULES, ensureDefaultAlertRules } from "./default-rules";
import { toAlertRuleDtoWithScope, toAlertRuleDtos } from "./rule-scope-names";

export async function listAlertRules(actor: Actor): Promise<{ object: "list"; data: AlertRuleDto[] }> {
  authorize(actor, "alerts:read");
  await ensureDefaultAlertRules();
  const rows = await getDb().alertRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  // The built-in rules first, in their own order; then the others as they were added.
  const rank = (id: string) => {
    const index = DEFAULT_ALERT_RULES.findIndex((rule) => rule.id === id);
    return index === -1 ? DEFAULT_ALERT_RULES.length : index;
  };
  rows.sort((a, b) => rank(a.id) - rank(b.id));
  return { object: "list", data: await toAlertRuleDtos(rows) };
}

export async function getAlertRule(actor: Actor, id: string): Promise<AlertRuleDto> {
  authorize(actor, "alerts:read");
  await ensureDefaultAlertRules();
  const row = await getDb().alertRule.findUnique({ where: { id } });
  if (!row) throw notFound("Alert rule", id);
  return toAlertRuleDtoWithScope(row);
}
