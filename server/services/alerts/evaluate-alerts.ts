// The alert loop. Every replica evaluates every rule periodically (HEARTH_ALERT_INTERVAL_MS); the
// database decides which of them notifies. Opening an alert is an insert of its `openKey` (rule and
// subject) that skips a conflict, so when several replicas see the same condition exactly one
// opens it and posts the firing message; the others only record that they saw it too
// (`lastSeenAt`). Resolving is a conditional update (still firing, and no replica has seen the
// condition for two intervals), so exactly one replica posts the recovery message, and an alert
// stays firing while any replica still sees its condition (each has its own view of backends).
// Disabling a rule resolves its alerts at once. Notifying does not hold the loop up: messages go
// out in the background, with their retries (deliver-alert.ts). An evaluation reads the rules and
// the firing alerts once for all rules; resolved alerts past their history are pruned hourly.
import { randomBytes } from "node:crypto";
import type { AlertIncident, AlertRule } from "../../db/client";
import { getDb } from "../../db/client";
import { env } from "../../env";
import { isForeignKeyViolation } from "../../errors";
import { logger } from "../../logger";
import { toAlertDto } from "./alert-dto";
import { DEFAULT_ALERT_RULES, ensureDefaultAlertRules } from "./default-rules";
import { deliverAlert, waitBeforeRetry, type RetryWait } from "./deliver-alert";
import {
  gatewayHealth,
  observationContext,
  observeRule,
  type HealthSource,
  type ObservationContext,
  type Observation,
} from "./observe-rules";

/** Resolved alerts are kept this long, for the history. */
const HISTORY_MS = 90 * 24 * 60 * 60 * 1000;
/** How often the alert loop prunes that history. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface EvaluateOptions {
  now?: Date;
  /** This replica's backend health (a test passes its own). */
  health?: HealthSource;
  /** How long nobody must have seen a condition before its alert resolves. */
  quietMs?: number;
  /** How a failed delivery waits before its next attempt (a test passes one that does not). */
  retryWait?: RetryWait;
}

export interface EvaluationResult {
  fired: number;
  resolved: number;
}

function payloadOf(row: AlertIncident & { rule: AlertRule }) {
  const { object: _object, deliveries: _deliveries, ...alert } = toAlertDto(row);
  return alert;
}

/** Opens the alert of a condition now seen, or records that it is still seen; true if opened here. */
async function fire(
  rule: AlertRule,
  seen: Observation,
  { now, retryWait }: Required<EvaluateOptions>,
): Promise<boolean> {
  const db = getDb();
  const openKey = `${rule.id}|${seen.subject}`;
  const id = `alt_${randomBytes(10).toString("hex")}`;
  const { count } = await db.alertIncident.createMany({
    data: {
      id,
      ruleId: rule.id,
      subject: seen.subject,
      subjectLabel: seen.label,
      openKey,
      value: seen.value,
      message: seen.message,
      startedAt: now,
      lastSeenAt: now,
    },
    skipDuplicates: true,
  });
  if (count === 0) {
    await db.alertIncident.updateMany({
      where: { openKey },
      data: { lastSeenAt: now, value: seen.value, message: seen.message },
    });
    return false;
  }
  const row = await db.alertIncident.findUniqueOrThrow({ where: { id }, include: { rule: true } });
  deliverAlert("firing", payloadOf(row), id, retryWait);
  return true;
}

/** Resolves an alert nobody has seen for `quietMs`; true if resolved here. */
async function resolve(
  incident: AlertIncident,
  quietMs: number,
  { now, retryWait }: Required<EvaluateOptions>,
): Promise<boolean> {
  const db = getDb();
  const { count } = await db.alertIncident.updateMany({
    where: { id: incident.id, state: "firing", lastSeenAt: { lte: new Date(now.getTime() - quietMs) } },
    data: { state: "resolved", openKey: null, resolvedAt: now },
  });
  if (count === 0) return false;
  const row = await db.alertIncident.findUniqueOrThrow({
    where: { id: incident.id },
    include: { rule: true },
  });
  deliverAlert("resolved", payloadOf(row), row.id, retryWait);
  return true;
}

async function evaluateRule(
  rule: AlertRule,
  open: readonly AlertIncident[],
  options: Required<EvaluateOptions>,
  context: ObservationContext,
  result: EvaluationResult,
): Promise<void> {
  const seen = rule.enabled ? (await observeRule(rule, context)).filter((entry) => entry.holds) : [];
  for (const observation of seen) if (await fire(rule, observation, options)) result.fired++;
  const holding = new Set(seen.map((entry) => entry.subject));
  for (const incident of open) {
    if (holding.has(incident.subject)) continue;
    if (await resolve(incident, rule.enabled ? options.quietMs : 0, options)) result.resolved++;
  }
}

/** Every rule; the built-in ones are written first if one is missing (a fresh database). */
async function readRules(): Promise<AlertRule[]> {
  const read = () => getDb().alertRule.findMany({ orderBy: { createdAt: "asc" } });
  const rules = await read();
  const ids = new Set(rules.map((rule) => rule.id));
  if (DEFAULT_ALERT_RULES.every((rule) => ids.has(rule.id))) return rules;
  await ensureDefaultAlertRules();
  return read();
}

/** One evaluation of every rule; a rule that fails to evaluate is logged and the others go on. */
export async function evaluateAlerts(options: EvaluateOptions = {}): Promise<EvaluationResult> {
  const resolved: Required<EvaluateOptions> = {
    now: options.now ?? new Date(),
    health: options.health ?? gatewayHealth,
    quietMs: options.quietMs ?? 2 * env.HEARTH_ALERT_INTERVAL_MS,
    retryWait: options.retryWait ?? waitBeforeRetry,
  };
  const result: EvaluationResult = { fired: 0, resolved: 0 };
  const rules = await readRules();
  const firing = await getDb().alertIncident.findMany({ where: { state: "firing" } });
  const context = observationContext(resolved.now, resolved.health);
  for (const rule of rules) {
    const open = firing.filter((incident) => incident.ruleId === rule.id);
    await evaluateRule(rule, open, resolved, context, result).catch((error: unknown) =>
      // A rule deleted while it was evaluated has nothing left to fire for.
      isForeignKeyViolation(error)
        ? logger.debug({ rule: rule.id }, "an alert rule was deleted while it was evaluated")
        : logger.error({ err: error, rule: rule.id }, "could not evaluate an alert rule"),
    );
  }
  return result;
}

/** Deletes resolved alerts past their history. */
export async function pruneAlertHistory(now = new Date()): Promise<void> {
  await getDb().alertIncident.deleteMany({
    where: { state: "resolved", resolvedAt: { lt: new Date(now.getTime() - HISTORY_MS) } },
  });
}

const state = globalThis as unknown as {
  hearthAlertTimer?: NodeJS.Timeout;
  hearthAlertRunning?: boolean;
  hearthAlertPrunedAt?: number;
};

/** Evaluates every HEARTH_ALERT_INTERVAL_MS, once per process; the timer keeps no process alive. */
export function startAlertEvaluation(): void {
  if (state.hearthAlertTimer) return;
  const tick = async () => {
    // A slow database must not make evaluations pile up.
    if (state.hearthAlertRunning) return;
    state.hearthAlertRunning = true;
    try {
      await evaluateAlerts();
      if (Date.now() - (state.hearthAlertPrunedAt ?? 0) >= PRUNE_INTERVAL_MS) {
        state.hearthAlertPrunedAt = Date.now();
        await pruneAlertHistory();
      }
    } catch (error) {
      logger.error({ err: error }, "evaluating alerts failed");
    } finally {
      state.hearthAlertRunning = false;
    }
  };
  state.hearthAlertTimer = setInterval(() => void tick(), env.HEARTH_ALERT_INTERVAL_MS);
  state.hearthAlertTimer.unref();
}

/** Stops evaluating (a replica shutting down leaves the alerts to the others). */
export function stopAlertEvaluation(): void {
  if (state.hearthAlertTimer) clearInterval(state.hearthAlertTimer);
  state.hearthAlertTimer = undefined;
}
