// Posting an alert to its destinations: one POST each, with a timeout, no redirects followed
// (undici's request() follows none), connections checked by webhook-hosts.ts; the outcome of each
// is recorded as an AlertDelivery, and a failure is recorded, not retried or thrown. A secret
// signs the body (`X-Hearth-Signature`), so a receiver can tell Hearth's messages from forgeries.
import { createHmac, randomBytes } from "node:crypto";
import { request } from "undici";
import type { AlertDestination } from "../../db/client";
import { getDb } from "../../db/client";
import { logger } from "../../logger";
import type { AlertDeliveryDto, AlertEvent } from "../../schemas/alerts";
import { openSecret } from "../../security/secret-box";
import { describeConnectionFailure } from "../gateway/health/probe-backend";
import { toAlertDeliveryDto } from "./alert-dto";
import { webhookAgent } from "./webhook-hosts";
import { webhookBody, type AlertPayload } from "./webhook-body";

const DELIVERY_TIMEOUT_MS = 5_000;

interface Outcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function post(
  destination: AlertDestination,
  event: AlertEvent,
  body: string,
  now: Date,
): Promise<Outcome> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const url = openSecret(destination.urlSealed, "An alert webhook's URL");
  const secret = destination.secretSealed
    ? openSecret(destination.secretSealed, "An alert webhook's secret")
    : null;
  const response = await request(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Hearth-Alerts/1",
      "x-hearth-event": event,
      "x-hearth-timestamp": timestamp,
      ...(secret ? { "x-hearth-signature": signatureOf(secret, timestamp, body) } : {}),
    },
    body,
    dispatcher: webhookAgent(),
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  await response.body.dump();
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  const redirect =
    response.statusCode >= 300 && response.statusCode < 400 ? " (redirects are not followed)" : "";
  return {
    ok,
    statusCode: response.statusCode,
    error: ok ? null : `The webhook answered ${response.statusCode}${redirect}`,
  };
}

/** Posts to one destination and records how it went. */
export async function deliverTo(
  destination: AlertDestination,
  event: AlertEvent,
  alert: AlertPayload | null,
  incidentId: string | null,
  now = new Date(),
): Promise<AlertDeliveryDto> {
  const started = performance.now();
  const body = JSON.stringify(webhookBody(destination.format, event, alert, now));
  const outcome = await post(destination, event, body, now).catch((error: unknown): Outcome => ({
    ok: false,
    statusCode: null,
    error: failureOf(error),
  }));
  const row = await getDb().alertDelivery.create({
    data: {
      id: `adl_${randomBytes(10).toString("hex")}`,
      incidentId,
      destinationId: destination.id,
      destinationName: destination.name,
      event,
      ...outcome,
      durationMs: Math.round(performance.now() - started),
    },
  });
  if (!outcome.ok) {
    logger.warn({ destination: destination.id, event, error: outcome.error }, "an alert webhook failed");
  }
  return toAlertDeliveryDto(row);
}

function failureOf(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  if (error instanceof Error && error.name === "AppError") return error.message;
  return describeConnectionFailure(error);
}

/** Posts an alert's transition to every enabled destination, one after the other. */
export async function deliverAlert(
  event: "firing" | "resolved",
  alert: AlertPayload,
  incidentId: string,
): Promise<void> {
  const destinations = await getDb().alertDestination.findMany({
    where: { enabled: true },
    orderBy: { createdAt: "asc" },
  });
  for (const destination of destinations) await deliverTo(destination, event, alert, incidentId);
}
