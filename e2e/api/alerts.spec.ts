// Alerts over HTTP against the real server: the built-in rules, a rule of one's own on a backend
// at a dead port (named by its backend's name) that fires once to a webhook receiver (signed,
// generic JSON; a first 503 is tried again) and resolves with one message when the rule is
// switched off; the test delivery, posted once; the errors (400, 403, 404, 409).
import { createHmac } from "node:crypto";
import { bearer, expect, expectApiError, test } from "../fixtures";
import { sampleBackend } from "../support/admin-operations";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const SECRET = "e2e-signing-secret-0123456789";
let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

test("built-in rules are listed, edited and never deleted", async ({ api }) => {
  const list = await api.get("/admin/alerts/rules");
  expect(list.status()).toBe(200);
  const rules = ((await list.json()) as { data: Array<{ id: string; built_in: boolean }> }).data;
  expect(rules.filter((rule) => rule.built_in).map((rule) => rule.id)).toEqual([
    "backend_down",
    "sla_compliance",
    "error_rate",
    "ingestion_failures",
    "queue_rejections",
  ]);
  const rule = await api.get("/admin/alerts/rules/queue_rejections");
  expect(await rule.json()).toMatchObject({ object: "alert_rule", kind: "queue_rejections", threshold: 10 });
  await expectApiError(await api.delete("/admin/alerts/rules/queue_rejections"), 409, "CONFLICT");
  await expectApiError(await api.get("/admin/alerts/rules/alr_none"), 404, "NOT_FOUND");
  const bad = await expectApiError(
    await api.post("/admin/alerts/rules/error_rate", { data: { threshold: 3 } }),
    400,
    "INVALID_INPUT",
  );
  expect(bad.error.details).toEqual([expect.objectContaining({ path: "body.threshold" })]);
  await expectApiError(
    await api.post("/admin/alerts/rules", { data: { kind: "disk_full", threshold: 1 } }),
    400,
    "INVALID_INPUT",
  );
});

test("a backend down fires one signed message (tried again after a 503) and resolves with one", async ({
  api,
  uniqueId,
}) => {
  test.slow();
  const backendName = uniqueId("alerted");
  const backend = await api.post("/admin/backends", { data: sampleBackend(backendName) });
  expect(backend.status(), await backend.text()).toBe(201);
  const backendId = ((await backend.json()) as { id: string }).id;
  const ruleResponse = await api.post("/admin/alerts/rules", {
    data: { kind: "backend_down", threshold: 1, backend_id: backendId, name: "Dead port" },
  });
  expect(ruleResponse.status(), await ruleResponse.text()).toBe(201);
  const rule = (await ruleResponse.json()) as { id: string; built_in: boolean; scope_name: string | null };
  expect(rule).toMatchObject({ built_in: false, backend_id: backendId, scope_name: backendName });
  const destinationResponse = await api.post("/admin/alerts/destinations", {
    data: {
      name: uniqueId("hook"),
      format: "generic",
      url: receiver.url("/generic?token=abc"),
      secret: SECRET,
    },
  });
  expect(destinationResponse.status(), await destinationResponse.text()).toBe(201);
  const destination = (await destinationResponse.json()) as {
    id: string;
    url_preview: string;
    has_secret: boolean;
  };
  expect(destination).toMatchObject({ url_preview: `${receiver.url("")}/…`, has_secret: true });
  expect(JSON.stringify(destination)).not.toContain("token=abc");

  const mine = () =>
    receiver.received.filter((hook) => (hook.body.alert as { rule_id?: string } | null)?.rule_id === rule.id);
  // The first message of this rule is refused with a 503: Hearth tries again a second later.
  receiver.answer = (hook) =>
    (hook.body.alert as { rule_id?: string } | null)?.rule_id === rule.id && mine().length === 1 ? 503 : 204;
  try {
    await expect.poll(() => mine().length, { timeout: 30_000 }).toBe(2);
    const [refused, firing] = mine();
    expect(firing!.text).toBe(refused!.text);
    expect(firing!.body).toMatchObject({
      object: "alert.event",
      event: "firing",
      alert: {
        rule_name: "Dead port",
        kind: "backend_down",
        subject: `backend:${backendId}`,
        state: "firing",
      },
    });
    const timestamp = String(firing!.headers["x-hearth-timestamp"]);
    const expected = createHmac("sha256", SECRET).update(`${timestamp}.${firing!.text}`).digest("hex");
    expect(firing!.headers["x-hearth-signature"]).toBe(`sha256=${expected}`);

    const alerts = await api.get("/admin/alerts?state=firing");
    const listed = ((await alerts.json()) as { data: Array<{ rule_id: string; deliveries: unknown[] }> })
      .data;
    expect(listed.find((alert) => alert.rule_id === rule.id)?.deliveries).toContainEqual(
      expect.objectContaining({
        destination_id: destination.id,
        ok: true,
        status_code: 204,
        event: "firing",
        attempts: 2,
        next_attempt_at: null,
      }),
    );
    // Still down a few evaluations later: nothing more.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(mine()).toHaveLength(2);

    const off = await api.post(`/admin/alerts/rules/${rule.id}`, { data: { enabled: false } });
    expect(off.status()).toBe(200);
    await expect
      .poll(() => mine().map((hook) => hook.body.event), { timeout: 15_000 })
      .toEqual(["firing", "firing", "resolved"]);
  } finally {
    receiver.answer = () => 204;
    await api.delete(`/admin/alerts/destinations/${destination.id}`);
    await api.delete(`/admin/alerts/rules/${rule.id}`);
    await api.delete(`/admin/backends/${backendId}`);
  }
});

test("the test delivery reports how it went", async ({ api, uniqueId, runtimeKey, request }) => {
  const created = await api.post("/admin/alerts/destinations", {
    data: { name: uniqueId("slack"), format: "slack", url: receiver.url("/slack") },
  });
  const { id } = (await created.json()) as { id: string };
  try {
    const tested = await api.post(`/admin/alerts/destinations/${id}/test`);
    expect(tested.status()).toBe(200);
    expect(await tested.json()).toMatchObject({
      object: "alert_delivery",
      ok: true,
      status_code: 204,
      event: "test",
    });
    const received = receiver.received.at(-1);
    expect(received?.path).toBe("/slack");
    expect(received?.body.text).toContain("Test message");

    const dead = await api.post(`/admin/alerts/destinations/${id}`, {
      data: { url: "http://127.0.0.1:9/hook" },
    });
    expect(dead.status()).toBe(200);
    // A test is posted once, even when trying again might have passed.
    expect(await (await api.post(`/admin/alerts/destinations/${id}/test`)).json()).toMatchObject({
      ok: false,
      status_code: null,
      error: "connection refused",
      attempts: 1,
      next_attempt_at: null,
    });
    const metadata = await api.post(`/admin/alerts/destinations/${id}`, {
      data: { url: "http://169.254.169.254/x" },
    });
    expect(metadata.status()).toBe(200);
    const refused = (await (await api.post(`/admin/alerts/destinations/${id}/test`)).json()) as {
      error: string;
    };
    expect(refused.error).toContain("may never use");

    await expectApiError(
      await request.post(`/admin/alerts/destinations/${id}/test`, { headers: bearer(runtimeKey.key) }),
      403,
      "FORBIDDEN",
    );
    await expectApiError(await api.post("/admin/alerts/destinations/ald_none/test"), 404, "NOT_FOUND");
    await expectApiError(
      await api.post("/admin/alerts/destinations", {
        data: { name: "x", format: "pager", url: "https://x.example" },
      }),
      400,
      "INVALID_INPUT",
    );
  } finally {
    await api.delete(`/admin/alerts/destinations/${id}`);
  }
});
