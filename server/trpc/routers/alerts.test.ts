// The console's alert procedures: admins change rules and webhooks and send tests; operators and
// viewers read; bad input and missing objects are the usual tRPC errors.
import type { TRPCError } from "@trpc/server";
import { beforeEach, expect, test } from "vitest";
import { createAssistant } from "@/server/services/assistants/create-assistant";
import { createUserActor, master } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";

let admin: ReturnType<typeof callerFor>;

beforeEach(async () => {
  admin = callerFor(await createUserActor("admin"));
});

test("admins edit rules and add webhooks; the list shows them without their URL", async () => {
  const rule = await admin.alerts.updateRule({
    id: "sla_compliance",
    patch: { threshold: 0.95, enabled: false },
  });
  expect(rule).toMatchObject({ threshold: 0.95, enabled: false, built_in: true });
  const created = await admin.alerts.createDestination({
    name: "ops",
    format: "teams",
    url: "https://teams.invalid/workflows/secret-path",
  });
  const listed = await admin.alerts.destinations();
  expect(listed.data.map((destination) => destination.id)).toEqual([created.id]);
  expect(JSON.stringify(listed)).not.toContain("secret-path");
  expect((await admin.alerts.list({})).data).toEqual([]);
});

test("admins add a rule for one assistant, shown by name, and delete it; edit a webhook", async () => {
  await createAssistant(master, { id: "support", name: "Customer support", model: "m", instructions: "Hi." });
  const rule = await admin.alerts.createRule({ kind: "error_rate", threshold: 0.1, assistant_id: "support" });
  expect(rule).toMatchObject({ built_in: false, scope_name: "Customer support" });
  expect((await admin.alerts.rules()).data.at(-1)).toMatchObject({
    id: rule.id,
    scope_name: "Customer support",
  });
  expect(await admin.alerts.deleteRule({ id: rule.id })).toMatchObject({ deleted: true });
  expect((await admin.alerts.rules()).data).toHaveLength(5);

  const hook = await admin.alerts.createDestination({
    name: "ops",
    format: "slack",
    url: "https://hooks.slack.invalid/services/a",
    secret: "0123456789abcdef",
  });
  const edited = await admin.alerts.updateDestination({
    id: hook.id,
    patch: { name: "on-call", url: "https://hooks.example.invalid/b", enabled: false },
  });
  expect(edited).toMatchObject({
    name: "on-call",
    url_preview: "https://hooks.example.invalid/…",
    has_secret: true,
    enabled: false,
  });
  expect((await admin.alerts.updateDestination({ id: hook.id, patch: { secret: null } })).has_secret).toBe(
    false,
  );
});

test("operators and viewers read but change nothing", async () => {
  for (const role of ["operator", "viewer"] as const) {
    const caller = callerFor(await createUserActor(role));
    expect((await caller.alerts.rules()).data).toHaveLength(5);
    const refused = await rejectionOf<TRPCError>(
      caller.alerts.updateRule({ id: "error_rate", patch: { enabled: false } }),
    );
    expect(refused.code).toBe("FORBIDDEN");
  }
});

test("bad input and missing objects", async () => {
  const bad = await rejectionOf<TRPCError>(
    admin.alerts.updateRule({ id: "error_rate", patch: { threshold: 7 } }),
  );
  expect(bad.code).toBe("BAD_REQUEST");
  const missing = await rejectionOf<TRPCError>(admin.alerts.testDestination({ id: "ald_none" }));
  expect(missing.code).toBe("NOT_FOUND");
  const builtIn = await rejectionOf<TRPCError>(admin.alerts.deleteRule({ id: "backend_down" }));
  expect(builtIn.code).toBe("CONFLICT");
});
