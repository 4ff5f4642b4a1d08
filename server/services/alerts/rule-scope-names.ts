// Rules as the API shows them, with the name of the assistant or backend each is scoped to, so
// the console (and a script) shows "support" rather than an id. One query per kind of scope for a
// whole list; a scope that no longer exists has no name (scope_name: null, its id still shown).
import type { AlertRule } from "../../db/client";
import { getDb } from "../../db/client";
import type { AlertRuleDto } from "../../schemas/alerts";
import { toAlertRuleDto } from "./alert-dto";

const idsOf = (values: Array<string | null>) => [...new Set(values.filter((value) => value !== null))];

export async function toAlertRuleDtos(rows: AlertRule[]): Promise<AlertRuleDto[]> {
  const assistantIds = idsOf(rows.map((row) => row.assistantId));
  const backendIds = idsOf(rows.map((row) => row.backendId));
  const db = getDb();
  const [assistants, backends] = await Promise.all([
    assistantIds.length === 0
      ? []
      : db.assistant.findMany({ where: { id: { in: assistantIds } }, select: { id: true, name: true } }),
    backendIds.length === 0
      ? []
      : db.backend.findMany({ where: { id: { in: backendIds } }, select: { id: true, name: true } }),
  ]);
  const assistantNames = new Map(assistants.map((row) => [row.id, row.name]));
  const backendNames = new Map(backends.map((row) => [row.id, row.name]));
  return rows.map((row) => {
    const name = row.backendId
      ? backendNames.get(row.backendId)
      : row.assistantId
        ? assistantNames.get(row.assistantId)
        : undefined;
    return toAlertRuleDto(row, name ?? null);
  });
}

export async function toAlertRuleDtoWithScope(row: AlertRule): Promise<AlertRuleDto> {
  const [dto] = await toAlertRuleDtos([row]);
  return dto!;
}
