// What each rule's condition is right now, per subject (a backend or an assistant). Backend health
// is this replica's gateway view (each replica probes for itself; evaluate-alerts.ts keeps an alert
// firing while any replica still sees its condition). Everything else is read from the database,
// so every replica measures the same thing: answers (Message: status, errorCode, the SLA verdict)
// and ingestion jobs (VectorStoreFile). Admission refusals are counted from the answers recorded
// as failed with RATE_LIMITED, not from the per-process counter hearth_gateway_rejections_total,
// which each replica would only see a share of. One evaluation reads the assistants once for all
// its rules, and the backends only when one is down: an idle replica's evaluation is a few reads.
import type { AlertRule } from "../../db/client";
import { getDb, Prisma } from "../../db/client";
import type { BackendHealthDto } from "../../schemas/backend";
import { backendHealthById } from "../gateway/backend-health-view";

export interface Observation {
  subject: string;
  label: string;
  value: number;
  /** The rule's condition holds for this subject. */
  holds: boolean;
  message: string;
}

export type HealthSource = () => Promise<Map<string, BackendHealthDto>>;

/** This replica's gateway view, read without asking for fresher probes (the loop runs by itself). */
export const gatewayHealth: HealthSource = () => backendHealthById({ demand: false });

/** What the rules of one evaluation share: the time, the health view, the assistants (read once). */
export interface ObservationContext {
  now: Date;
  health: HealthSource;
  assistants: () => Promise<Map<string, string>>;
}

/** A context for one evaluation at `now`. */
export function observationContext(now: Date, health: HealthSource = gatewayHealth): ObservationContext {
  let assistants: Promise<Map<string, string>> | undefined;
  return {
    now,
    health,
    assistants: () =>
      (assistants ??= getDb()
        .assistant.findMany({ select: { id: true, name: true } })
        .then((rows) => new Map(rows.map((row) => [row.id, row.name])))),
  };
}

interface AnswerRow {
  key: string;
  answers: number;
  failed: number;
  completed: number;
  within_sla: number;
  refused: number;
}

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;
const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

async function observeBackends(rule: AlertRule, { now, health }: ObservationContext): Promise<Observation[]> {
  const down = [...(await health())].filter(
    ([id, view]) => view.state === "down" && (!rule.backendId || rule.backendId === id),
  );
  if (down.length === 0) return [];
  const rows = await getDb().backend.findMany({
    where: { enabled: true, id: { in: down.map(([id]) => id) } },
    select: { id: true, name: true },
  });
  const views = new Map(down);
  return rows.flatMap((row) => {
    const view = views.get(row.id);
    if (!view) return [];
    const seconds = Math.max(0, (now.getTime() - Date.parse(view.since)) / 1000);
    return [
      {
        subject: `backend:${row.id}`,
        label: row.name,
        value: Math.round(seconds),
        holds: seconds >= rule.threshold,
        message: `Backend ${row.name} has been down for ${Math.round(seconds)} s: ${view.reason}`,
      },
    ];
  });
}

/** The assistants in the rule's scope, by id, with their names. */
async function assistantsOf(rule: AlertRule, context: ObservationContext): Promise<Map<string, string>> {
  const all = await context.assistants();
  if (!rule.assistantId) return all;
  const name = all.get(rule.assistantId);
  return name === undefined ? new Map() : new Map([[rule.assistantId, name]]);
}

/** Answers per assistant in the window; timestamps are stored as UTC without a zone. */
async function answerRows(ids: string[], since: Date): Promise<AnswerRow[]> {
  if (ids.length === 0) return [];
  const from = Prisma.sql`(${since.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  return getDb().$queryRaw<AnswerRow[]>`
    SELECT m."assistantId" AS key,
      count(*)::int AS answers,
      count(*) FILTER (WHERE m.status = 'failed')::int AS failed,
      count(*) FILTER (WHERE m.status = 'completed')::int AS completed,
      count(*) FILTER (WHERE m.status = 'completed'
        AND coalesce((m.sla->>'met')::boolean, m."totalMs" <= a."slaAvgMs"))::int AS within_sla,
      count(*) FILTER (WHERE m.status = 'failed' AND m."errorCode" = 'RATE_LIMITED')::int AS refused
    FROM "Message" m JOIN "Assistant" a ON a.id = m."assistantId"
    WHERE m."assistantId" = ANY(${ids}) AND m."createdAt" >= ${from}
      AND m.role = 'assistant' AND m.status <> 'in_progress'
    GROUP BY m."assistantId"`;
}

function judgeAnswers(rule: AlertRule, row: AnswerRow, label: string): Observation | null {
  const window = minutes(rule.windowSeconds);
  const subject = `assistant:${row.key}`;
  switch (rule.kind) {
    case "sla_compliance": {
      if (row.completed < rule.minSamples) return null;
      const value = row.within_sla / row.completed;
      const message = `${percent(value)} of ${row.completed} answers of ${label} met the SLA in the last ${window} (target ${percent(rule.threshold)})`;
      return { subject, label, value, holds: value < rule.threshold, message };
    }
    case "error_rate": {
      if (row.answers < rule.minSamples) return null;
      const value = row.failed / row.answers;
      const message = `${percent(value)} of ${row.answers} answers of ${label} failed in the last ${window} (limit ${percent(rule.threshold)})`;
      return { subject, label, value, holds: value > rule.threshold, message };
    }
    case "queue_rejections": {
      const message = `${row.refused} questions to ${label} were refused by admission control in the last ${window}`;
      return { subject, label, value: row.refused, holds: row.refused >= rule.threshold, message };
    }
    default:
      return null;
  }
}

async function observeAnswers(rule: AlertRule, context: ObservationContext): Promise<Observation[]> {
  const { now } = context;
  const assistants = await assistantsOf(rule, context);
  const rows = await answerRows([...assistants.keys()], new Date(now.getTime() - rule.windowSeconds * 1000));
  return rows.flatMap((row) => judgeAnswers(rule, row, assistants.get(row.key) ?? row.key) ?? []);
}

async function observeIngestion(rule: AlertRule, context: ObservationContext): Promise<Observation[]> {
  const { now } = context;
  const assistants = await assistantsOf(rule, context);
  if (assistants.size === 0) return [];
  const groups = await getDb().vectorStoreFile.groupBy({
    by: ["assistantId"],
    where: {
      status: "failed",
      completedAt: { gte: new Date(now.getTime() - rule.windowSeconds * 1000) },
      assistantId: { in: [...assistants.keys()] },
    },
    _count: { _all: true },
  });
  return groups.map((group) => {
    const label = assistants.get(group.assistantId) ?? group.assistantId;
    const count = group._count._all;
    return {
      subject: `assistant:${group.assistantId}`,
      label,
      value: count,
      holds: count >= rule.threshold,
      message: `${count} knowledge files of ${label} failed to ingest in the last ${minutes(rule.windowSeconds)}`,
    };
  });
}

/** The rule's observations now; a subject absent from the list does not meet the condition. */
export function observeRule(rule: AlertRule, context: ObservationContext): Promise<Observation[]> {
  switch (rule.kind) {
    case "backend_down":
      return observeBackends(rule, context);
    case "ingestion_failures":
      return observeIngestion(rule, context);
    default:
      return observeAnswers(rule, context);
  }
}
