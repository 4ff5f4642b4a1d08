import type { TRPCError } from "@trpc/server";
import { expect, test } from "vitest";
import { anonymous, userActor } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";

test("any console role reads the readiness of the app and its database", async () => {
  const health = await callerFor(userActor("viewer")).system.health();
  expect(health).toMatchObject({ status: "ok", checks: { database: { status: "ok" } } });
  expect(health.checks.database?.latency_ms).toBeGreaterThanOrEqual(0);
});

test("an anonymous caller is UNAUTHORIZED", async () => {
  expect((await rejectionOf<TRPCError>(callerFor(anonymous).system.health())).code).toBe("UNAUTHORIZED");
});
