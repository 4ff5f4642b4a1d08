// The alert loop. Every replica evaluates every rule periodically (HEARTH_ALERT_INTERVAL_MS); the
// database decides which of them notifies. Opening an alert is an insert of its `openKey` (rule and
// subject) that skips a conflict, so when several replicas see the same condition exactly one
// opens it and posts the firing message; the others only record that they saw it too
// (`lastSeenAt`). Resolving is a conditional update (still firing, and no replica has seen the
// condition for two intervals), so exactly one replica posts the recovery message, and an alert
// stays firing while any replica still sees its condition (each has its own view of backends).
// Disabling a rule resolves its alerts at once.
import { randomBytes } from "node:crypto";
import type { AlertIncident, AlertRule } from "../../db/client";
import { getDb } from "../../db/client";
import { env } from "../../env";
import { logger } from "../../logger";
import { backendHealthById } from "../gateway/backend-health-view";
import { toAlertDto } from "./alert-dto";
import { ensureDefaultAlertRules } from "./default-rules";
import { deliverAlert } from "./deliver-alert";
import { observeRule, type HealthSource, type Observation } from "./observe-rules";

/** Resolved alerts are kept this long, for the history. */
const HISTORY_MS = 90 * 24 * 60 * 60 * 1000;

export interface EvaluateOptions {
  now?: Date;
  /** This replica's backend health (a test passes its own). */
  health?: HealthSource;
  /** How long nobody must have seen a condition before its alert resolves. */
  quietMs?: number;
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
async function fire(rule: AlertRule, seen: Observation, now: Date): Promise<boolean> {
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
  await deliverAlert("firing", payloadOf(row), id);
  return true;
}

/** Resolves an alert nobody has seen for `quietMs`; true if resolved here. */
async function resolve(incident: AlertIncident, now: Date, quietMs: number): Promise<boolean> {
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
  await deliverAlert("resolved", payloadOf(row), row.id);
  return true;
}

async function evaluateRule(
  rule: AlertRule,
  options: Required<EvaluateOptions>,
  result: EvaluationResult,
): Promise<void> {
  const { now, health, quietMs } = options;
  const seen = rule.enabled ? (await observeRule(rule, now, health)).filter((entry) => entry.holds) : [];
  for (const observation of seen) if (await fire(rule, observation, now)) result.fired++;
  const holding = new Set(seen.map((entry) => entry.subject));
  const open = await getDb().alertIncident.findMany({ where: { ruleId: rule.id, state: "firing" } });
  for (const incident of open) {
    if (holding.has(incident.subject)) continue;
    if (await resolve(incident, now, rule.enabled ? quietMs : 0)) result.resolved++;
  }
}

/** One evaluation of every rule; a rule that fails to evaluate is logged and the others go on. */
export async function evaluateAlerts(options: EvaluateOptions = {}): Promise<EvaluationResult> {
  await ensureDefaultAlertRules();
  const resolved: Required<EvaluateOptions> = {
    now: options.now ?? new Date(),
    health: options.health ?? backendHealthById,
    quietMs: options.quietMs ?? 2 * env.HEARTH_ALERT_INTERVAL_MS,
  };
  const result: EvaluationResult = { fired: 0, resolved: 0 };
  const rules = await getDb().alertRule.findMany({ orderBy: { createdAt: "asc" } });
  for (const rule of rules) {
    await evaluateRule(rule, resolved, result).catch((error: unknown) =>
      logger.error({ err: error, rule: rule.id }, "could not evaluate an alert rule"),
    );
  }
  await getDb().alertIncident.deleteMany({
    where: { state: "resolved", resolvedAt: { lt: new Date(resolved.now.getTime() - HISTORY_MS) } },
  });
  return result;
}

const state = globalThis as unknown as { hearthAlertTimer?: NodeJS.Timeout; hearthAlertRunning?: boolean };

/** Evaluates every HEARTH_ALERT_INTERVAL_MS, once per process; the timer keeps no process alive. */
export function startAlertEvaluation(): void {
  if (state.hearthAlertTimer) return;
  const tick = async () => {
    // A slow webhook must not make evaluations pile up.
    if (state.hearthAlertRunning) return;
    state.hearthAlertRunning = true;
    try {
      await evaluateAlerts();
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
