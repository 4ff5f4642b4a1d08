// Webhook retries against a scripted HTTP server on loopback: a 503 then a success is delivered
// on the second attempt; a webhook that keeps failing is given up after three; a 400 is not tried
// again, nor a host the webhook rules refuse; a 429 waits as long as Retry-After asks, up to the
// cap; retries do not hold up the evaluation loop, and an alert's recovery message waits for its
// firing message. Waits are injected (recorded, never slept), so nothing here depends on time.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { env } from "../../env";
import type { BackendHealthDto } from "../../schemas/backend";
import { master } from "../../test/actors";
import { captureServer, type CaptureServer } from "../../test/capture-server";
import { createBackend } from "../backends/create-backend";
import { createAlertDestination } from "./create-alert-destination";
import { createAlertRule } from "./create-alert-rule";
import { alertDeliveriesSettled, type RetryWait } from "./deliver-alert";
import { MAX_ATTEMPTS, parseRetryAfter, retryDelayMs, type AttemptOutcome } from "./delivery-retries";
import { evaluateAlerts } from "./evaluate-alerts";
import { listAlerts } from "./list-alerts";
import { signatureOf } from "./post-webhook";
import { updateAlertDestination } from "./update-alert-destination";
import { updateAlertRule } from "./update-alert-rule";

const SECRET = "whsec-0123456789abcdef";
const configuredHosts = env.HEARTH_ALERT_WEBHOOK_HOSTS;
const servers: CaptureServer[] = [];

beforeEach(() => {
  env.HEARTH_ALERT_WEBHOOK_HOSTS = ["loopback"];
});
afterEach(async () => {
  env.HEARTH_ALERT_WEBHOOK_HOSTS = configuredHosts;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

type Answer = number | { status: number; retryAfter: string };

/** A webhook answering its n-th request with `script[n]`, and 200 once the script runs out. */
async function scriptedWebhook(script: Answer[]): Promise<CaptureServer> {
  let served = 0;
  const server = await captureServer((_request, response) => {
    const answer = script[served++] ?? 200;
    const { status, retryAfter } = typeof answer === "number" ? { status: answer, retryAfter: null } : answer;
    response.writeHead(status, retryAfter ? { "retry-after": retryAfter } : {}).end();
  });
  servers.push(server);
  return server;
}

/** A retry wait that records what it was asked to wait and returns at once. */
function recordedWaits(): { wait: RetryWait; asked: number[] } {
  const asked: number[] = [];
  return { asked, wait: (ms) => (asked.push(ms), Promise.resolve()) };
}

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

/** A backend down since 0 s and a rule on it that fires after 5 s; every other rule off. */
async function backendDownRule() {
  const backend = await createBackend(master, {
    name: "gpu-1",
    kind: "openai_compatible",
    base_url: "http://127.0.0.1:9/v1",
    models: ["gpu-1-model"],
  });
  for (const id of [
    "backend_down",
    "sla_compliance",
    "error_rate",
    "ingestion_failures",
    "queue_rejections",
  ]) {
    await updateAlertRule(master, id, { enabled: false });
  }
  const rule = await createAlertRule(master, { kind: "backend_down", threshold: 5, backend_id: backend.id });
  const health = async () =>
    new Map<string, BackendHealthDto>([
      [
        backend.id,
        { state: "down", reason: "connection refused", since: at(0).toISOString() } as BackendHealthDto,
      ],
    ]);
  return { rule, health };
}

async function webhookTo(server: CaptureServer, name = "ops") {
  return createAlertDestination(master, {
    name,
    format: "generic",
    url: `${server.origin}/hook`,
    secret: SECRET,
  });
}

async function onlyDeliveries() {
  const [alert] = (await listAlerts(master, { limit: 5 })).data;
  return alert!.deliveries;
}

describe("retrying a failed delivery", () => {
  test("a 503 is tried again 1 s later and delivered; the record says it took two attempts", async () => {
    const { health } = await backendDownRule();
    const webhook = await scriptedWebhook([503]);
    await webhookTo(webhook);
    const { wait, asked } = recordedWaits();
    await evaluateAlerts({ now: at(10), health, retryWait: wait });
    await alertDeliveriesSettled();

    expect(asked).toEqual([1_000]);
    expect(webhook.requests).toHaveLength(2);
    // The same body both times, each signed with its own timestamp.
    expect(webhook.requests[1]!.body).toBe(webhook.requests[0]!.body);
    for (const request of webhook.requests) {
      expect(request.headers["x-hearth-event"]).toBe("firing");
      expect(request.headers["x-hearth-signature"]).toBe(
        signatureOf(SECRET, String(request.headers["x-hearth-timestamp"]), request.body),
      );
    }
    expect(await onlyDeliveries()).toMatchObject([
      { ok: true, status_code: 200, error: null, attempts: 2, next_attempt_at: null },
    ]);
  });

  test("a webhook that keeps failing is given up after three attempts, 1 s then 4 s apart", async () => {
    const { health } = await backendDownRule();
    const webhook = await scriptedWebhook([500, 502, 504, 500]);
    await webhookTo(webhook);
    const { wait, asked } = recordedWaits();
    await evaluateAlerts({ now: at(10), health, retryWait: wait });
    await alertDeliveriesSettled();

    expect(asked).toEqual([1_000, 4_000]);
    expect(webhook.requests).toHaveLength(MAX_ATTEMPTS);
    expect(await onlyDeliveries()).toMatchObject([
      { ok: false, status_code: 504, error: "The webhook answered 504", attempts: 3, next_attempt_at: null },
    ]);
  });

  test("a 400 is not tried again, nor a host the webhook rules refuse", async () => {
    const { health } = await backendDownRule();
    const webhook = await scriptedWebhook([400]);
    const destination = await webhookTo(webhook);
    const { wait, asked } = recordedWaits();
    await evaluateAlerts({ now: at(10), health, retryWait: wait });
    await alertDeliveriesSettled();
    expect(webhook.requests).toHaveLength(1);
    expect(await onlyDeliveries()).toMatchObject([
      { ok: false, status_code: 400, error: "The webhook answered 400", attempts: 1, next_attempt_at: null },
    ]);

    // Loopback no longer allowed (and another origin, so that no connection kept alive is reused):
    // the recovery message is refused once, and not tried again.
    env.HEARTH_ALERT_WEBHOOK_HOSTS = undefined;
    await updateAlertDestination(master, destination.id, { url: `http://localhost:${webhook.port}/hook` });
    await evaluateAlerts({ now: at(100), health: async () => new Map(), quietMs: 0, retryWait: wait });
    await alertDeliveriesSettled();
    expect(asked).toEqual([]);
    const [, resolved] = await onlyDeliveries();
    expect(resolved).toMatchObject({ event: "resolved", ok: false, status_code: null, attempts: 1 });
    expect(resolved!.error).toContain("HEARTH_ALERT_WEBHOOK_HOSTS");
  });

  test("a 429 waits as long as Retry-After asks, unless that is longer than Hearth waits", async () => {
    const { health } = await backendDownRule();
    const patient = await scriptedWebhook([{ status: 429, retryAfter: "7" }]);
    const busy = await scriptedWebhook([{ status: 429, retryAfter: "120" }]);
    await webhookTo(patient, "patient");
    await webhookTo(busy, "busy");
    const { wait, asked } = recordedWaits();
    await evaluateAlerts({ now: at(10), health, retryWait: wait });
    await alertDeliveriesSettled();

    expect(asked).toEqual([7_000]);
    expect([patient.requests.length, busy.requests.length]).toEqual([2, 1]);
    const deliveries = await onlyDeliveries();
    expect(deliveries.find((delivery) => delivery.destination_name === "patient")).toMatchObject({
      ok: true,
      attempts: 2,
    });
    expect(deliveries.find((delivery) => delivery.destination_name === "busy")).toMatchObject({
      ok: false,
      status_code: 429,
      error: "The webhook answered 429 (Retry-After: 120 s)",
      attempts: 1,
      next_attempt_at: null,
    });
  });

  test("retries do not hold up the loop, and the recovery message waits for the firing one", async () => {
    const { rule, health } = await backendDownRule();
    const webhook = await scriptedWebhook([503]);
    await webhookTo(webhook);
    // The first wait is held until released; `waiting` resolves once a delivery is in it.
    let release = () => {};
    let reached = () => {};
    const waiting = new Promise<void>((resolve) => (reached = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const wait: RetryWait = () => (reached(), held);

    expect(await evaluateAlerts({ now: at(10), health, retryWait: wait })).toEqual({ fired: 1, resolved: 0 });
    await waiting;
    // Between attempts: the record says so.
    const [pending] = await onlyDeliveries();
    expect(pending).toMatchObject({ ok: false, status_code: 503, attempts: 1 });
    expect(pending!.next_attempt_at).not.toBeNull();

    // The rule switched off: the alert resolves now; its message waits for the firing one.
    await updateAlertRule(master, rule.id, { enabled: false });
    expect(await evaluateAlerts({ now: at(11), health, retryWait: wait })).toEqual({ fired: 0, resolved: 1 });
    expect(webhook.requests).toHaveLength(1);
    release();
    await alertDeliveriesSettled();
    expect(webhook.requests.map((request) => request.headers["x-hearth-event"])).toEqual([
      "firing",
      "firing",
      "resolved",
    ]);
    expect(
      (await onlyDeliveries()).map((delivery) => [delivery.event, delivery.ok, delivery.attempts]),
    ).toEqual([
      ["firing", true, 2],
      ["resolved", true, 1],
    ]);
  });

  test("a webhook switched off between attempts is not tried again", async () => {
    const { health } = await backendDownRule();
    const webhook = await scriptedWebhook([503]);
    const destination = await webhookTo(webhook);
    const wait: RetryWait = async () => {
      await updateAlertDestination(master, destination.id, { enabled: false });
    };
    await evaluateAlerts({ now: at(10), health, retryWait: wait });
    await alertDeliveriesSettled();
    expect(webhook.requests).toHaveLength(1);
    expect(await onlyDeliveries()).toMatchObject([
      {
        ok: false,
        attempts: 1,
        next_attempt_at: null,
        error: "The webhook answered 503; not tried again: the webhook was switched off",
      },
    ]);
    expect(await getDb().alertDelivery.count()).toBe(1);
  });
});

describe("the retry policy", () => {
  const failed = (overrides: Partial<AttemptOutcome> = {}): AttemptOutcome => ({
    ok: false,
    statusCode: 503,
    error: "The webhook answered 503",
    retryable: true,
    retryAfterMs: null,
    ...overrides,
  });

  test("backs off 1 s then 4 s, three attempts in all, and only for failures that may pass", () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, failed()))).toEqual([1_000, 4_000, null]);
    expect(retryDelayMs(1, failed({ retryable: false, statusCode: 404 }))).toBeNull();
    expect(retryDelayMs(1, { ...failed(), ok: true, statusCode: 200, error: null })).toBeNull();
  });

  test("Retry-After lengthens the wait, never shortens it, and past 30 s stops the retries", () => {
    expect(retryDelayMs(1, failed({ retryAfterMs: 10_000 }))).toBe(10_000);
    expect(retryDelayMs(2, failed({ retryAfterMs: 2_000 }))).toBe(4_000);
    expect(retryDelayMs(1, failed({ retryAfterMs: 30_000 }))).toBe(30_000);
    expect(retryDelayMs(1, failed({ retryAfterMs: 30_001 }))).toBeNull();
  });

  test("reads Retry-After as seconds or as a date", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter("5", now)).toBe(5_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 12:00:20 GMT", now)).toBe(20_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });
});
