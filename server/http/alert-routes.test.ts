// The alert endpoints through their route handlers: created, read, changed and tested with an
// admin key; bad input is a 400 naming the field, a runtime key a 403, a missing object a 404.
import { beforeEach, describe, expect, test } from "vitest";
import * as alertsRoute from "@/app/admin/alerts/route";
import * as destinationRoute from "@/app/admin/alerts/destinations/[destination_id]/route";
import * as testRoute from "@/app/admin/alerts/destinations/[destination_id]/test/route";
import * as destinationsRoute from "@/app/admin/alerts/destinations/route";
import * as ruleRoute from "@/app/admin/alerts/rules/[rule_id]/route";
import * as rulesRoute from "@/app/admin/alerts/rules/route";
import { alertDestinationSchema, alertListSchema, alertRuleListSchema } from "@/server/schemas/alerts";
import { createAssistant } from "@/server/services/assistants/create-assistant";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import { callRoute } from "@/server/test/rest";

let admin: Record<string, string>;
let runtime: Record<string, string>;

beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
  runtime = bearer((await createKeyActor("runtime")).secret);
});

describe("/admin/alerts", () => {
  test("rules: listed, changed, refused when wrong", async () => {
    const list = await callRoute(rulesRoute.GET, { path: "/admin/alerts/rules", headers: admin });
    expect(list.status).toBe(200);
    expect(alertRuleListSchema.parse(list.json).data).toHaveLength(5);

    const changed = await callRoute(ruleRoute.POST, {
      path: "/admin/alerts/rules/backend_down",
      params: { rule_id: "backend_down" },
      headers: admin,
      body: { threshold: 120, enabled: false },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ threshold: 120, enabled: false });

    const bad = await callRoute(rulesRoute.POST, {
      path: "/admin/alerts/rules",
      headers: admin,
      body: { kind: "error_rate", threshold: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([
      { path: "body.threshold", message: expect.stringContaining("between") as string },
    ]);
    const unknownKind = await callRoute(rulesRoute.POST, {
      path: "/admin/alerts/rules",
      headers: admin,
      body: { kind: "cpu", threshold: 2 },
    });
    expect(unknownKind.status).toBe(400);

    const created = await callRoute(rulesRoute.POST, {
      path: "/admin/alerts/rules",
      headers: admin,
      body: { kind: "error_rate", threshold: 0.05, window_seconds: 600 },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ assistant_id: null, scope_name: null, built_in: false });
    await createAssistant(master, {
      id: "support",
      name: "Customer support",
      model: "m",
      instructions: "Hi.",
    });
    const scoped = await callRoute(rulesRoute.POST, {
      path: "/admin/alerts/rules",
      headers: admin,
      body: { kind: "queue_rejections", threshold: 3, assistant_id: "support" },
    });
    expect(scoped.status).toBe(201);
    expect(scoped.json).toMatchObject({ assistant_id: "support", scope_name: "Customer support" });

    const missing = await callRoute(ruleRoute.GET, {
      path: "/admin/alerts/rules/nope",
      params: { rule_id: "nope" },
      headers: admin,
    });
    expect(missing.status).toBe(404);
    const builtIn = await callRoute(ruleRoute.DELETE, {
      method: "DELETE",
      path: "/admin/alerts/rules/error_rate",
      params: { rule_id: "error_rate" },
      headers: admin,
    });
    expect(builtIn.status).toBe(409);
    expect((await callRoute(rulesRoute.GET, { path: "/admin/alerts/rules", headers: runtime })).status).toBe(
      403,
    );
  });

  test("destinations: created without echoing the URL, tested, deleted", async () => {
    const created = await callRoute(destinationsRoute.POST, {
      path: "/admin/alerts/destinations",
      headers: admin,
      body: {
        name: "ops",
        format: "slack",
        url: "https://hooks.slack.invalid/services/T0/B0/SECRET",
        secret: "0123456789abcdef",
      },
    });
    expect(created.status).toBe(201);
    const destination = alertDestinationSchema.strict().parse(created.json);
    expect(created.text).not.toContain("SECRET");
    const params = { destination_id: destination.id };

    // Edited: renamed, another format, the secret removed; the URL left out stays.
    const edited = await callRoute(destinationRoute.POST, {
      path: `/admin/alerts/destinations/${destination.id}`,
      params,
      headers: admin,
      body: { name: "on-call", format: "generic", secret: null },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({
      name: "on-call",
      format: "generic",
      has_secret: false,
      url_preview: destination.url_preview,
    });

    const bad = await callRoute(destinationsRoute.POST, {
      path: "/admin/alerts/destinations",
      headers: admin,
      body: { name: "ops", format: "slack", url: "ftp://example.com/x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details?.[0]?.path).toBe("body.url");

    // `.invalid` never resolves: a 200 that says so.
    const tested = await callRoute(testRoute.POST, {
      path: `/admin/alerts/destinations/${destination.id}/test`,
      params,
      headers: admin,
      body: {},
    });
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ object: "alert_delivery", ok: false, event: "test", attempts: 1 });

    expect(
      (
        await callRoute(testRoute.POST, {
          path: "/x",
          params: { destination_id: "ald_none" },
          headers: admin,
          body: {},
        })
      ).status,
    ).toBe(404);
    expect((await callRoute(testRoute.POST, { path: "/x", params, headers: runtime, body: {} })).status).toBe(
      403,
    );

    const deleted = await callRoute(destinationRoute.DELETE, {
      method: "DELETE",
      path: "/x",
      params,
      headers: admin,
    });
    expect(deleted.json).toEqual({ id: destination.id, object: "alert_destination.deleted", deleted: true });
    expect((await callRoute(destinationRoute.GET, { path: "/x", params, headers: admin })).status).toBe(404);
  });

  test("alerts: listed with a state filter; a bad one is a 400", async () => {
    const firing = await callRoute(alertsRoute.GET, { path: "/admin/alerts?state=firing", headers: admin });
    expect(firing.status).toBe(200);
    expect(alertListSchema.parse(firing.json)).toEqual({ object: "list", data: [] });
    expect(
      (await callRoute(alertsRoute.GET, { path: "/admin/alerts?state=on", headers: admin })).status,
    ).toBe(400);
    expect((await callRoute(alertsRoute.GET, { path: "/admin/alerts", headers: runtime })).status).toBe(403);
  });
});
