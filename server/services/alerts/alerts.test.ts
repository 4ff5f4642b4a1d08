// Alerts end to end in the service layer, with a real HTTP server receiving the webhooks: a
// condition fires once however many evaluations and evaluators see it, recovers with one message,
// stays firing while any replica still sees it; each data source; each body format and the
// signature; failed and refused deliveries are recorded; rules show their scope's name; who may
// read and change what. Deliveries leave in the background: each evaluation here waits for them
// (retries, with no wait between attempts, are in delivery-retries.test.ts).
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { getDb } from "../../db/client";
import { env } from "../../env";
import type { AppError } from "../../errors";
import type { BackendHealthDto } from "../../schemas/backend";
import { createUserActor, master } from "../../test/actors";
import { captureServer, type CaptureServer } from "../../test/capture-server";
import { createChatAssistant, SIM_MODEL } from "../../test/chat";
import { rejectionOf } from "../../test/rejection";
import { createAssistant } from "../assistants/create-assistant";
import { createBackend } from "../backends/create-backend";
import { deleteBackend } from "../backends/delete-backend";
import { probeAllBackends, replaceGateway } from "../gateway/gateway-instance";
import { createSession } from "../sessions/create-session";
import { createAlertDestination } from "./create-alert-destination";
import { createAlertRule } from "./create-alert-rule";
import { alertDeliveriesSettled } from "./deliver-alert";
import { deleteAlertRule } from "./delete-alert-rule";
import { evaluateAlerts as evaluateOnce, type EvaluateOptions } from "./evaluate-alerts";
import { listAlertDestinations } from "./list-alert-destinations";
import { getAlertRule, listAlertRules } from "./list-alert-rules";
import { listAlerts } from "./list-alerts";
import { signatureOf } from "./post-webhook";
import { testAlertDestination } from "./test-alert-destination";
import { updateAlertDestination } from "./update-alert-destination";
import { updateAlertRule } from "./update-alert-rule";
import { webhookRefusal } from "./webhook-hosts";

const SECRET = "whsec-0123456789abcdef";
let receiver: CaptureServer;
const configuredHosts = env.HEARTH_ALERT_WEBHOOK_HOSTS;

beforeEach(async () => {
  env.HEARTH_ALERT_WEBHOOK_HOSTS = ["loopback"];
  receiver = await captureServer();
  replaceGateway();
});
afterEach(async () => {
  env.HEARTH_ALERT_WEBHOOK_HOSTS = configuredHosts;
  await receiver.close();
});

/** One evaluation, and the deliveries it started. */
async function evaluateAlerts(options: EvaluateOptions = {}) {
  const result = await evaluateOnce({ retryWait: () => Promise.resolve(), ...options });
  await alertDeliveriesSettled();
  return result;
}

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

function downSince(since: Date): () => Promise<Map<string, BackendHealthDto>> {
  return async () => {
    const rows = await getDb().backend.findMany();
    return new Map(
      rows.map((row) => [
        row.id,
        { state: "down", reason: "connection refused", since: since.toISOString() } as BackendHealthDto,
      ]),
    );
  };
}
const allHealthy = () => Promise.resolve(new Map<string, BackendHealthDto>());

async function deadBackend(name = "gpu-1") {
  return createBackend(master, {
    name,
    kind: "openai_compatible",
    base_url: "http://127.0.0.1:9/v1",
    models: [`${name}-model`],
  });
}

async function onlyBackendDownRule(threshold: number) {
  for (const id of ["sla_compliance", "error_rate", "ingestion_failures", "queue_rejections"]) {
    await updateAlertRule(master, id, { enabled: false });
  }
  await updateAlertRule(master, "backend_down", { threshold });
}

const bodies = () => receiver.requests.map((request) => JSON.parse(request.body) as Record<string, unknown>);

describe("evaluating rules", () => {
  test("a backend down past the threshold fires once, across evaluations and replicas, then recovers once", async () => {
    const backend = await deadBackend();
    await onlyBackendDownRule(30);
    await createAlertDestination(master, {
      name: "ops",
      format: "generic",
      url: `${receiver.origin}/hook`,
      secret: SECRET,
    });
    const health = downSince(at(0));

    // Down for 10 s: not yet.
    expect(await evaluateAlerts({ now: at(10), health })).toEqual({ fired: 0, resolved: 0 });
    // Two replicas at once, then again: one alert, one message.
    const results = await Promise.all([
      evaluateAlerts({ now: at(40), health }),
      evaluateAlerts({ now: at(40), health }),
    ]);
    await evaluateAlerts({ now: at(55), health });
    expect(results.map((result) => result.fired).sort()).toEqual([0, 1]);
    expect(receiver.requests).toHaveLength(1);
    const [firing] = receiver.requests;
    expect(firing!.headers["x-hearth-event"]).toBe("firing");
    expect(firing!.headers["x-hearth-signature"]).toBe(
      signatureOf(SECRET, String(firing!.headers["x-hearth-timestamp"]), firing!.body),
    );
    expect(bodies()[0]).toMatchObject({
      object: "alert.event",
      event: "firing",
      alert: {
        rule_id: "backend_down",
        kind: "backend_down",
        subject: `backend:${backend.id}`,
        subject_label: "gpu-1",
        state: "firing",
        threshold: 30,
      },
    });

    const [alert] = (await listAlerts(master, { limit: 50 })).data;
    expect(alert).toMatchObject({
      state: "firing",
      value: 55,
      deliveries: [{ ok: true, status_code: 200, event: "firing" }],
    });

    // Healthy again: it resolves only once nobody has seen it down for the quiet spell, and once.
    expect(await evaluateAlerts({ now: at(60), health: allHealthy, quietMs: 30_000 })).toEqual({
      fired: 0,
      resolved: 0,
    });
    const resolved = await Promise.all([
      evaluateAlerts({ now: at(90), health: allHealthy, quietMs: 30_000 }),
      evaluateAlerts({ now: at(90), health: allHealthy, quietMs: 30_000 }),
    ]);
    expect(resolved.map((result) => result.resolved).sort()).toEqual([0, 1]);
    expect(receiver.requests.map((request) => request.headers["x-hearth-event"])).toEqual([
      "firing",
      "resolved",
    ]);
    expect((await listAlerts(master, { state: "resolved", limit: 10 })).data[0]).toMatchObject({
      state: "resolved",
      resolved_at: at(90).toISOString(),
    });
    // Down again later: a new alert.
    await evaluateAlerts({ now: at(200), health: downSince(at(100)) });
    expect(receiver.requests).toHaveLength(3);
    expect((await listAlerts(master, { limit: 50 })).data.map((entry) => entry.state)).toEqual([
      "firing",
      "resolved",
    ]);
  });

  test("an alert stays firing while any replica still sees the condition", async () => {
    await deadBackend();
    await onlyBackendDownRule(5);
    await createAlertDestination(master, { name: "ops", format: "generic", url: `${receiver.origin}/hook` });
    await evaluateAlerts({ now: at(10), health: downSince(at(0)) });
    for (let second = 20; second <= 120; second += 10) {
      // One replica sees it healthy, another still down.
      await evaluateAlerts({ now: at(second), health: allHealthy, quietMs: 15_000 });
      await evaluateAlerts({ now: at(second), health: downSince(at(0)), quietMs: 15_000 });
    }
    expect(receiver.requests.map((request) => request.headers["x-hearth-event"])).toEqual(["firing"]);
  });

  test("reads this replica's gateway: a backend on a dead port goes down and fires", async () => {
    await deadBackend("dead");
    await onlyBackendDownRule(1);
    await createAlertDestination(master, { name: "ops", format: "generic", url: `${receiver.origin}/hook` });
    for (let probe = 0; probe < env.HEARTH_HEALTH_EJECT_AFTER; probe++) await probeAllBackends();
    await evaluateAlerts({ now: new Date(Date.now() + 5_000) });
    expect(bodies()).toMatchObject([
      { event: "firing", alert: { subject_label: "dead", kind: "backend_down" } },
    ]);
  });

  test("disabling a rule resolves its alerts at once", async () => {
    await deadBackend();
    await onlyBackendDownRule(5);
    await createAlertDestination(master, { name: "ops", format: "generic", url: `${receiver.origin}/hook` });
    await evaluateAlerts({ now: at(10), health: downSince(at(0)) });
    await updateAlertRule(master, "backend_down", { enabled: false });
    expect(await evaluateAlerts({ now: at(11), health: downSince(at(0)) })).toEqual({
      fired: 0,
      resolved: 1,
    });
  });
});

describe("data sources", () => {
  async function answers(
    assistantId: string,
    outcomes: Array<{ status: "completed" | "failed"; errorCode?: string; totalMs?: number }>,
  ) {
    const session = await createSession(master, assistantId, { user: "u1" });
    await getDb().message.createMany({
      data: outcomes.map((outcome) => ({
        id: `msg_${randomBytes(8).toString("hex")}`,
        sessionId: session.id,
        assistantId,
        role: "assistant" as const,
        content: "",
        status: outcome.status,
        errorCode: outcome.errorCode ?? null,
        totalMs: outcome.totalMs ?? 100,
      })),
    });
  }

  async function onlyRule(id: string, patch: Parameters<typeof updateAlertRule>[2] = {}) {
    for (const rule of (await listAlertRules(master)).data) {
      await updateAlertRule(
        master,
        rule.id,
        rule.id === id ? { enabled: true, ...patch } : { enabled: false },
      );
    }
  }

  test("error rate, SLA compliance and admission refusals, per assistant, from the recorded answers", async () => {
    await createChatAssistant("support");
    await createChatAssistant("sales");
    await createAlertDestination(master, { name: "slack", format: "slack", url: `${receiver.origin}/slack` });
    // support: 4 of 10 failed (3 refused by admission), slow answers; sales: all fine.
    await answers("support", [
      ...Array.from({ length: 6 }, () => ({ status: "completed" as const, totalMs: 200_000 })),
      { status: "failed", errorCode: "UPSTREAM_ERROR" },
      ...Array.from({ length: 3 }, () => ({ status: "failed" as const, errorCode: "RATE_LIMITED" })),
    ]);
    await answers(
      "sales",
      Array.from({ length: 10 }, () => ({ status: "completed" as const })),
    );

    await onlyRule("error_rate", { threshold: 0.3 });
    await evaluateAlerts();
    await onlyRule("sla_compliance", { threshold: 0.9, min_samples: 5 });
    await evaluateAlerts();
    await onlyRule("queue_rejections", { threshold: 3 });
    await evaluateAlerts();

    const firing = (await listAlerts(master, { state: "firing", limit: 50 })).data;
    expect(firing.map((alert) => [alert.kind, alert.subject, alert.value]).sort()).toEqual([
      ["queue_rejections", "assistant:support", 3],
    ]);
    // Disabling the others resolved them: each fired for support only, then resolved.
    const all = (await listAlerts(master, { limit: 50 })).data;
    expect(all.map((alert) => `${alert.kind} ${alert.subject} ${alert.value}`).sort()).toEqual([
      "error_rate assistant:support 0.4",
      "queue_rejections assistant:support 3",
      "sla_compliance assistant:support 0",
    ]);
    const slack = bodies()[0] as { text: string; blocks: unknown[] };
    expect(slack.text).toMatch(/^Firing: High error rate \(support\): 40% of 10 answers/);
    expect(slack.blocks.length).toBeGreaterThan(0);
  });

  test("ingestion failures in the window", async () => {
    await createChatAssistant("docs");
    await onlyRule("ingestion_failures", { threshold: 2 });
    const db = getDb();
    const store = await db.vectorStore.create({
      data: { id: "vs_1", assistantId: "docs", name: "s", embeddingKey: "hash", embeddingDimension: 8 },
    });
    for (const name of ["a.pdf", "b.pdf"]) {
      const file = await db.knowledgeFile.create({
        data: {
          id: `file_${name}`,
          assistantId: "docs",
          filename: name,
          format: "pdf",
          mimeType: "application/pdf",
          bytes: 1,
          sha256: name,
        },
      });
      await db.vectorStoreFile.create({
        data: {
          id: `vsf_${name}`,
          vectorStoreId: store.id,
          fileId: file.id,
          assistantId: "docs",
          status: "failed",
          completedAt: new Date(),
        },
      });
    }
    await evaluateAlerts();
    expect((await listAlerts(master, { limit: 5 })).data).toMatchObject([
      { kind: "ingestion_failures", subject: "assistant:docs", value: 2, state: "firing" },
    ]);
  });
});

describe("deliveries", () => {
  test("the test button reports success, an error status, a dead port and a refused host", async () => {
    const teams = await createAlertDestination(master, {
      name: "teams",
      format: "teams",
      url: `${receiver.origin}/teams`,
    });
    expect(await testAlertDestination(master, teams.id)).toMatchObject({
      ok: true,
      status_code: 200,
      event: "test",
      error: null,
    });
    const card = bodies()[0] as { type: string; attachments: Array<{ contentType: string }> };
    expect(card.type).toBe("message");
    expect(card.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");

    const failing = await captureServer((_request, response) =>
      response.writeHead(302, { location: "http://169.254.169.254/" }).end(),
    );
    try {
      await updateAlertDestination(master, teams.id, { url: `${failing.origin}/hook` });
      expect(await testAlertDestination(master, teams.id)).toMatchObject({
        ok: false,
        status_code: 302,
        error: "The webhook answered 302 (redirects are not followed)",
      });
      expect(failing.requests).toHaveLength(1);
    } finally {
      await failing.close();
    }
    await updateAlertDestination(master, teams.id, { url: "http://127.0.0.1:9/hook" });
    // The test button posts once, even when a retry might pass: the operator is there to click again.
    expect(await testAlertDestination(master, teams.id)).toMatchObject({
      ok: false,
      status_code: null,
      error: "connection refused",
      attempts: 1,
      next_attempt_at: null,
    });

    env.HEARTH_ALERT_WEBHOOK_HOSTS = undefined;
    // Another origin, so that no connection kept alive from above is reused.
    await updateAlertDestination(master, teams.id, { url: `http://localhost:${receiver.port}/teams` });
    const refused = await testAlertDestination(master, teams.id);
    expect(refused.ok).toBe(false);
    expect(refused.error).toContain("HEARTH_ALERT_WEBHOOK_HOSTS");
    expect(receiver.requests).toHaveLength(1);
  });

  test("a failed delivery is recorded on the alert and the others still go", async () => {
    await deadBackend();
    await onlyBackendDownRule(5);
    await createAlertDestination(master, {
      name: "broken",
      format: "generic",
      url: "http://127.0.0.1:9/hook",
    });
    await createAlertDestination(master, { name: "ops", format: "generic", url: `${receiver.origin}/hook` });
    await evaluateAlerts({ now: at(10), health: downSince(at(0)) });
    const [alert] = (await listAlerts(master, { limit: 5 })).data;
    // Posted to both at once, so recorded in either order; the dead port was tried three times.
    expect(
      alert!.deliveries
        .map((delivery) => [delivery.destination_name, delivery.ok, delivery.error, delivery.attempts])
        .sort(),
    ).toEqual([
      ["broken", false, "connection refused", 3],
      ["ops", true, null, 1],
    ]);
  });

  test("webhooks reach public addresses, private ones only when listed, metadata never", () => {
    expect(webhookRefusal("hooks.slack.com", ["34.1.2.3"], [])).toBeNull();
    expect(webhookRefusal("evil.example", ["10.0.0.5"], [])).toContain("not a public address");
    expect(webhookRefusal("alerts.internal", ["10.0.0.5"], ["private"])).toBeNull();
    expect(webhookRefusal("evil.example", ["34.1.2.3", "127.0.0.1"], [])).toContain("127.0.0.1");
    expect(webhookRefusal("metadata", ["169.254.169.254"], ["169.254.0.0/16"])).toContain("may never use");
  });

  test("URLs and secrets are sealed and never shown", async () => {
    const url = `${receiver.origin}/services/T000/B000/XXXXSECRET`;
    const created = await createAlertDestination(master, {
      name: "slack",
      format: "slack",
      url,
      secret: SECRET,
    });
    expect(created).toMatchObject({ url_preview: `${receiver.origin}/…`, has_secret: true });
    const row = await getDb().alertDestination.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain("XXXXSECRET");
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(await listAlertDestinations(master))).not.toContain("XXXXSECRET");
    const audit = await getDb().auditEvent.findMany({ where: { targetId: created.id } });
    expect(JSON.stringify(audit)).not.toContain("XXXXSECRET");
  });
});

describe("rules and permissions", () => {
  test("the built-in rules exist and can be edited, not deleted; bad input is refused", async () => {
    const viewer = await createUserActor("viewer");
    const rules = (await listAlertRules(viewer)).data;
    expect(rules.map((rule) => rule.kind)).toEqual([
      "backend_down",
      "sla_compliance",
      "error_rate",
      "ingestion_failures",
      "queue_rejections",
    ]);
    expect((await updateAlertRule(master, "error_rate", { threshold: 0.5 })).threshold).toBe(0.5);
    expect((await rejectionOf<AppError>(deleteAlertRule(master, "error_rate"))).code).toBe("CONFLICT");
    const bad = await rejectionOf<AppError>(updateAlertRule(master, "error_rate", { threshold: 5 }));
    expect(bad.code).toBe("INVALID_INPUT");
    const scope = await rejectionOf<AppError>(
      createAlertRule(master, { kind: "error_rate", threshold: 0.1, assistant_id: "nobody" }),
    );
    expect(scope).toMatchObject({ code: "INVALID_INPUT", details: [{ path: "body.assistant_id" }] });
    const wrongScope = await rejectionOf<AppError>(
      createAlertRule(master, { kind: "backend_down", threshold: 10, assistant_id: "x" }),
    );
    expect(wrongScope.code).toBe("INVALID_INPUT");
    expect((await rejectionOf<AppError>(updateAlertRule(master, "nope", { enabled: false }))).code).toBe(
      "NOT_FOUND",
    );

    const mine = await createAlertRule(master, { kind: "queue_rejections", threshold: 50 });
    expect(mine).toMatchObject({
      built_in: false,
      window_seconds: 300,
      name: "Questions refused by admission control",
    });
    expect((await deleteAlertRule(master, mine.id)).deleted).toBe(true);
  });

  test("a rule scoped to an assistant or a backend shows its name", async () => {
    await createAssistant(master, {
      id: "support",
      name: "Customer support",
      model: SIM_MODEL,
      instructions: "Answer briefly.",
    });
    const backend = await deadBackend("gpu-east");
    const forAssistant = await createAlertRule(master, {
      kind: "error_rate",
      threshold: 0.1,
      assistant_id: "support",
    });
    const forBackend = await createAlertRule(master, {
      kind: "backend_down",
      threshold: 30,
      backend_id: backend.id,
    });
    expect(forAssistant).toMatchObject({ assistant_id: "support", scope_name: "Customer support" });
    expect(forBackend).toMatchObject({ backend_id: backend.id, scope_name: "gpu-east" });
    const listed = (await listAlertRules(master)).data;
    expect(listed.map((rule) => [rule.id, rule.scope_name])).toEqual([
      ["backend_down", null],
      ["sla_compliance", null],
      ["error_rate", null],
      ["ingestion_failures", null],
      ["queue_rejections", null],
      [forAssistant.id, "Customer support"],
      [forBackend.id, "gpu-east"],
    ]);
    expect(await updateAlertRule(master, forAssistant.id, { assistant_id: null })).toMatchObject({
      assistant_id: null,
      scope_name: null,
    });
    // A scope deleted since: the id stays, without a name.
    await deleteBackend(master, backend.id);
    expect((await getAlertRule(master, forBackend.id)).scope_name).toBeNull();
  });

  test("operators and viewers read; only admins change or test", async () => {
    const operator = await createUserActor("operator");
    const viewer = await createUserActor("viewer");
    const destination = await createAlertDestination(master, {
      name: "ops",
      format: "generic",
      url: `${receiver.origin}/hook`,
    });
    for (const actor of [operator, viewer]) {
      expect((await listAlerts(actor, { limit: 5 })).object).toBe("list");
      expect((await listAlertDestinations(actor)).data).toHaveLength(1);
      expect(
        (await rejectionOf<AppError>(updateAlertRule(actor, "backend_down", { enabled: false }))).code,
      ).toBe("FORBIDDEN");
      expect((await rejectionOf<AppError>(testAlertDestination(actor, destination.id))).code).toBe(
        "FORBIDDEN",
      );
    }
    const admin = await createUserActor("admin");
    expect((await testAlertDestination(admin, destination.id)).ok).toBe(true);
    expect((await rejectionOf<AppError>(testAlertDestination(admin, "ald_none"))).code).toBe("NOT_FOUND");
  });
});
