// The console's audit procedure: admins (and admin keys, the master key) read the log; operators,
// viewers and runtime keys are FORBIDDEN whatever the console shows them; the output is redacted.
import type { TRPCError } from "@trpc/server";
import { beforeEach, expect, test } from "vitest";
import { recordAudit } from "@/server/services/audit/record-audit";
import { anonymous, createKeyActor, createUserActor, master } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";

beforeEach(async () => {
  await recordAudit({
    actor: master,
    action: "api_key.create",
    target: { type: "api_key", id: "key_1" },
    changes: { after: { name: "ci", api_key: "sk-secret" } },
  });
});

test.each([
  ["an admin", () => createUserActor("admin")],
  ["an admin API key", async () => (await createKeyActor("admin")).actor],
  ["the master key", () => Promise.resolve(master)],
])("%s lists the events, secrets redacted", async (_case, makeActor) => {
  const page = await callerFor(await makeActor()).audit.list({ target_id: "key_1" });
  expect(page).toMatchObject({ object: "list", total: 1, next_cursor: null });
  expect(page.data[0]).toMatchObject({
    action: "api_key.create",
    actor: "master_key",
    changes: { after: { name: "ci", api_key: "[redacted]" } },
  });
});

test.each([
  ["an operator", () => createUserActor("operator")],
  ["a viewer", () => createUserActor("viewer")],
  ["a runtime API key", async () => (await createKeyActor("runtime")).actor],
])("%s is FORBIDDEN", async (_case, makeActor) => {
  const error = await rejectionOf<TRPCError>(callerFor(await makeActor()).audit.list({}));
  expect(error.code).toBe("FORBIDDEN");
});

test("anonymous is UNAUTHORIZED; bad filters are BAD_REQUEST", async () => {
  expect((await rejectionOf<TRPCError>(callerFor(anonymous).audit.list({}))).code).toBe("UNAUTHORIZED");
  const admin = callerFor(await createUserActor("admin"));
  expect((await rejectionOf<TRPCError>(admin.audit.list({ limit: 201 }))).code).toBe("BAD_REQUEST");
  expect((await rejectionOf<TRPCError>(admin.audit.list({ action: "a b" }))).code).toBe("BAD_REQUEST");
});

test("the retention setting: 365 by default, set by an admin (1-3650), null resets it", async () => {
  const admin = callerFor(await createUserActor("admin"));
  expect((await admin.settings.get()).audit_retention_days).toBe(365);
  expect((await admin.settings.update({ audit_retention_days: 30 })).audit_retention_days).toBe(30);
  expect((await admin.settings.get()).audit_retention_days).toBe(30);
  for (const days of [0, 3651, 1.5]) {
    const error = await rejectionOf<TRPCError>(admin.settings.update({ audit_retention_days: days }));
    expect(error.code, String(days)).toBe("BAD_REQUEST");
  }
  const operator = callerFor(await createUserActor("operator"));
  expect((await rejectionOf<TRPCError>(operator.settings.update({ audit_retention_days: 1 }))).code).toBe(
    "FORBIDDEN",
  );
  expect((await admin.settings.update({ default_model: "m" })).audit_retention_days).toBe(30);
  expect((await admin.settings.update({ audit_retention_days: null })).audit_retention_days).toBe(365);
});
