import { randomBytes } from "node:crypto";
import { getDb } from "../../db/client";
import type { AlertRuleDto, CreateAlertRuleInput } from "../../schemas/alerts";
import type { Actor } from "../access/actor";
import { authorize } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { toAlertRuleDto } from "./alert-dto";
import { assertRuleValid } from "./alert-rule-checks";
import { DEFAULT_ALERT_RULES } from "./default-rules";

export async function createAlertRule(actor: Actor, input: CreateAlertRuleInput): Promise<AlertRuleDto> {
  authorize(actor, "alerts:manage");
  const fields = {
    threshold: input.threshold,
    assistant_id: input.assistant_id ?? null,
    backend_id: input.backend_id ?? null,
  };
  await assertRuleValid(input.kind, fields);
  const template = DEFAULT_ALERT_RULES.find((rule) => rule.kind === input.kind);
  const row = await getDb().alertRule.create({
    data: {
      id: `alr_${randomBytes(8).toString("hex")}`,
      kind: input.kind,
      name: input.name ?? template?.name ?? input.kind,
      enabled: input.enabled ?? true,
      threshold: input.threshold,
      windowSeconds: input.window_seconds ?? template?.windowSeconds ?? 900,
      minSamples: input.min_samples ?? template?.minSamples ?? 5,
      assistantId: fields.assistant_id,
      backendId: fields.backend_id,
    },
  });
  const created = toAlertRuleDto(row);
  await recordAudit({
    actor,
    action: "alert_rule.create",
    target: { type: "alert_rule", id: row.id },
    changes: { after: created },
  });
  return created;
}
