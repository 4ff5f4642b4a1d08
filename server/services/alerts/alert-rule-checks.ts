// The checks a rule passes before it is saved: its fields fit its kind (schemas/alerts.ts, shared
// with the console's form), and the assistant or backend it is scoped to exists.
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { alertRuleProblem, type AlertKind } from "../../schemas/alerts";

export interface RuleFields {
  threshold: number;
  assistant_id: string | null;
  backend_id: string | null;
}

export async function assertRuleValid(kind: AlertKind, fields: RuleFields): Promise<void> {
  const problem = alertRuleProblem(kind, fields);
  if (problem) {
    throw new AppError("INVALID_INPUT", `${problem.path} ${problem.message}`, {
      details: [{ path: `body.${problem.path}`, message: problem.message }],
    });
  }
  const db = getDb();
  if (fields.assistant_id && !(await db.assistant.findUnique({ where: { id: fields.assistant_id } }))) {
    const message = `no assistant '${fields.assistant_id}'`;
    throw new AppError("INVALID_INPUT", `assistant_id: ${message}`, {
      details: [{ path: "body.assistant_id", message }],
    });
  }
  if (fields.backend_id && !(await db.backend.findUnique({ where: { id: fields.backend_id } }))) {
    const message = `no backend '${fields.backend_id}'`;
    throw new AppError("INVALID_INPUT", `backend_id: ${message}`, {
      details: [{ path: "body.backend_id", message }],
    });
  }
}
