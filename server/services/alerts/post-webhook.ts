// One POST of a webhook body: a timeout, no redirects followed (undici's request() follows none),
// connections checked by webhook-hosts.ts. A secret signs the timestamp and the body
// (`X-Hearth-Signature`), so a receiver can tell Hearth's messages from forgeries; the timestamp
// is each attempt's own, so a retry is not mistaken for a replay. It never throws: a failure is
// an outcome, with whether it may pass by itself (delivery-retries.ts).
import { createHmac } from "node:crypto";
import { request } from "undici";
import type { AlertDestination } from "../../db/client";
import type { AlertEvent } from "../../schemas/alerts";
import { openSecret } from "../../security/secret-box";
import { describeConnectionFailure } from "../gateway/health/probe-backend";
import { isRetryableStatus, parseRetryAfter, type AttemptOutcome } from "./delivery-retries";
import { webhookAgent } from "./webhook-hosts";

const DELIVERY_TIMEOUT_MS = 5_000;

export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function send(destination: AlertDestination, event: AlertEvent, body: string): Promise<AttemptOutcome> {
  const now = Date.now();
  const timestamp = String(Math.floor(now / 1000));
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
  const status = response.statusCode;
  if (status >= 200 && status < 300) {
    return { ok: true, statusCode: status, error: null, retryable: false, retryAfterMs: null };
  }
  const retryAfterMs = parseRetryAfter(response.headers["retry-after"], now);
  const detail =
    status >= 300 && status < 400
      ? " (redirects are not followed)"
      : retryAfterMs !== null
        ? ` (Retry-After: ${Math.ceil(retryAfterMs / 1000)} s)`
        : "";
  return {
    ok: false,
    statusCode: status,
    error: `The webhook answered ${status}${detail}`,
    retryable: isRetryableStatus(status),
    retryAfterMs,
  };
}

function failureOf(error: unknown): AttemptOutcome {
  const outcome = { ok: false, statusCode: null, retryAfterMs: null };
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return { ...outcome, error: `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s`, retryable: true };
  }
  // A URL or secret that cannot be opened, or a host the webhook rules refuse: the same next time.
  if (error instanceof Error && error.name === "AppError") {
    return { ...outcome, error: error.message, retryable: false };
  }
  const refused = (error as { code?: unknown } | null)?.code === "HEARTH_HOST_REFUSED";
  return { ...outcome, error: describeConnectionFailure(error), retryable: !refused };
}

/** Posts `body` to the destination once and says how it went. */
export function postWebhook(
  destination: AlertDestination,
  event: AlertEvent,
  body: string,
): Promise<AttemptOutcome> {
  return send(destination, event, body).catch(failureOf);
}
