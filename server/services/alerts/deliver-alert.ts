// Posting alerts to their destinations, and recording how each went (AlertDelivery). An alert's
// firing or recovery message goes to every enabled destination at once and in the background, so
// the evaluation loop opens and resolves alerts without waiting for any webhook. A message that
// fails in a way that may pass is tried again (delivery-retries.ts: 3 attempts, 1 s then 4 s
// apart, or as Retry-After asks), its record updated after each attempt: how many, the last
// status and error, when the next is due. The messages of one alert leave in order: its recovery
// message waits for its firing message's attempts (in this process, which opened or resolved it).
// Retries live in this process only: a replica that stops while one is pending drops it (a
// graceful shutdown waits for them, within its grace). The test button's message is posted once
// and answered at once, the operator being there to try again.
import { randomBytes } from "node:crypto";
import type { AlertDestination } from "../../db/client";
import { getDb } from "../../db/client";
import { logger } from "../../logger";
import type { AlertDeliveryDto, AlertEvent } from "../../schemas/alerts";
import { toAlertDeliveryDto } from "./alert-dto";
import { retryDelayMs, type AttemptOutcome } from "./delivery-retries";
import { postWebhook } from "./post-webhook";
import { webhookBody, type AlertPayload } from "./webhook-body";

/** How a delivery waits before its next attempt (tests pass one that does not). */
export type RetryWait = (ms: number) => Promise<void>;

export const waitBeforeRetry: RetryWait = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

interface Attempt {
  outcome: AttemptOutcome;
  durationMs: number;
}

async function attempt(
  destination: AlertDestination,
  event: AlertEvent,
  alert: AlertPayload | null,
  sentAt: Date,
): Promise<Attempt> {
  const started = performance.now();
  const body = JSON.stringify(webhookBody(destination.format, event, alert, sentAt));
  const outcome = await postWebhook(destination, event, body);
  return { outcome, durationMs: Math.round(performance.now() - started) };
}

function recorded({ outcome, durationMs }: Attempt, attempts: number, delay: number | null) {
  return {
    ok: outcome.ok,
    statusCode: outcome.statusCode,
    error: outcome.error,
    durationMs,
    attempts,
    nextAttemptAt: delay === null ? null : new Date(Date.now() + delay),
  };
}

function warnIfFailed(destination: AlertDestination, event: AlertEvent, last: Attempt, attempts: number) {
  if (last.outcome.ok) return;
  logger.warn(
    { destination: destination.id, event, attempts, error: last.outcome.error },
    "an alert webhook failed",
  );
}

/** Posts to one destination once and records how it went (the test button). */
export async function deliverTo(
  destination: AlertDestination,
  event: AlertEvent,
  alert: AlertPayload | null,
  incidentId: string | null,
): Promise<AlertDeliveryDto> {
  const first = await attempt(destination, event, alert, new Date());
  const row = await getDb().alertDelivery.create({
    data: {
      id: `adl_${randomBytes(10).toString("hex")}`,
      incidentId,
      destinationId: destination.id,
      destinationName: destination.name,
      event,
      ...recorded(first, 1, null),
    },
  });
  warnIfFailed(destination, event, first, 1);
  return toAlertDeliveryDto(row);
}

/** Posts to one destination, trying again while the policy allows, and keeps its record current. */
async function deliverWithRetries(
  destination: AlertDestination,
  event: AlertEvent,
  alert: AlertPayload,
  incidentId: string,
  wait: RetryWait,
): Promise<void> {
  const db = getDb();
  const sentAt = new Date();
  let last = await attempt(destination, event, alert, sentAt);
  let attempts = 1;
  let delay = retryDelayMs(attempts, last.outcome);
  const { id } = await db.alertDelivery.create({
    data: {
      id: `adl_${randomBytes(10).toString("hex")}`,
      incidentId,
      destinationId: destination.id,
      destinationName: destination.name,
      event,
      ...recorded(last, attempts, delay),
    },
  });
  while (delay !== null) {
    await wait(delay);
    // A webhook edited meanwhile gets the retry at its new URL; one deleted or switched off, none.
    const current = await db.alertDestination.findUnique({ where: { id: destination.id } });
    if (!current?.enabled) {
      const why = current ? "switched off" : "deleted";
      await db.alertDelivery.update({
        where: { id },
        data: {
          nextAttemptAt: null,
          error: `${last.outcome.error}; not tried again: the webhook was ${why}`,
        },
      });
      return;
    }
    last = await attempt(current, event, alert, sentAt);
    attempts++;
    delay = retryDelayMs(attempts, last.outcome);
    await db.alertDelivery.update({ where: { id }, data: recorded(last, attempts, delay) });
  }
  warnIfFailed(destination, event, last, attempts);
}

async function deliverToEveryDestination(
  event: "firing" | "resolved",
  alert: AlertPayload,
  incidentId: string,
  wait: RetryWait,
): Promise<void> {
  const destinations = await getDb().alertDestination.findMany({
    where: { enabled: true },
    orderBy: { createdAt: "asc" },
  });
  await Promise.all(
    destinations.map((destination) =>
      deliverWithRetries(destination, event, alert, incidentId, wait).catch((error: unknown) =>
        // The alert (or its rule) deleted meanwhile takes its delivery records with it.
        logger.error(
          { err: error, destination: destination.id, incident: incidentId },
          "alert delivery failed",
        ),
      ),
    ),
  );
}

interface DeliveryState {
  /** Every delivery task under way in this process. */
  running: Set<Promise<void>>;
  /** The last task of each alert, for the next one to follow. */
  lastOfIncident: Map<string, Promise<void>>;
}

const state = globalThis as unknown as { hearthAlertDeliveries?: DeliveryState };

function deliveries(): DeliveryState {
  state.hearthAlertDeliveries ??= { running: new Set<Promise<void>>(), lastOfIncident: new Map() };
  return state.hearthAlertDeliveries;
}

/**
 * Posts an alert's transition to every enabled destination, in the background (it returns at
 * once), after any message of the same alert still being delivered.
 */
export function deliverAlert(
  event: "firing" | "resolved",
  alert: AlertPayload,
  incidentId: string,
  wait: RetryWait = waitBeforeRetry,
): void {
  const { running, lastOfIncident } = deliveries();
  const previous = lastOfIncident.get(incidentId) ?? Promise.resolve();
  const task = previous
    .then(() => deliverToEveryDestination(event, alert, incidentId, wait))
    .catch((error: unknown) => logger.error({ err: error, incident: incidentId }, "alert delivery failed"));
  lastOfIncident.set(incidentId, task);
  running.add(task);
  void task.finally(() => {
    running.delete(task);
    if (lastOfIncident.get(incidentId) === task) lastOfIncident.delete(incidentId);
  });
}

/** Resolves once every delivery this process started (and those they led to) is over. */
export async function alertDeliveriesSettled(): Promise<void> {
  const { running } = deliveries();
  while (running.size > 0) await Promise.all([...running]);
}
