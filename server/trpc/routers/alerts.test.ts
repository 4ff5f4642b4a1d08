// The console's alert procedures: admins change rules and webhooks and send tests; operators and
// viewers read; bad input and missing objects are the usual tRPC errors.
import type { TRPCError } from "@trpc/server";
import { beforeEach, expect, test } from "vitest";
import { createUserActor } from "@/server/test/actors";
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
