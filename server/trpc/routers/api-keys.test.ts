import type { TRPCError } from "@trpc/server";
import { beforeEach, expect, test } from "vitest";
import { anonymous, createKeyActor, createUserActor, master } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { callerFor } from "@/server/test/trpc";

let admin: ReturnType<typeof callerFor>;

beforeEach(async () => {
  admin = callerFor(await createUserActor("admin"));
});

test("create returns the secret once; list and revoke never show it", async () => {
  const created = await admin.apiKeys.create({ name: "CI", scope: "runtime", assistant_ids: ["support"] });
  expect(created.key).toMatch(/^hth_/);
  const listed = await admin.apiKeys.list({});
  expect(listed.data.map((key) => key.id)).toEqual([created.id]);
  expect(JSON.stringify(listed)).not.toContain(created.key);
  const revoked = await admin.apiKeys.revoke({ id: created.id });
  expect(revoked.revoked_at).not.toBeNull();
  expect(revoked).not.toHaveProperty("key");
  expect((await admin.apiKeys.list({})).total).toBe(0);
  expect((await admin.apiKeys.list({ include_revoked: true })).total).toBe(1);
});

test("the master key and admin keys may manage keys", async () => {
  const adminKey = (await createKeyActor("admin")).actor;
  for (const actor of [master, adminKey]) {
    expect((await callerFor(actor).apiKeys.create({ name: "k", scope: "admin" })).key).toMatch(/^hth_/);
  }
});

test.each([
  ["an operator", () => createUserActor("operator")],
  ["a viewer", () => createUserActor("viewer")],
  ["a runtime key", async () => (await createKeyActor("runtime")).actor],
])("%s is FORBIDDEN", async (_case, makeActor) => {
  const caller = callerFor(await makeActor());
  await expect(caller.apiKeys.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  await expect(caller.apiKeys.create({ name: "k", scope: "admin" })).rejects.toMatchObject({
    code: "FORBIDDEN",
  });
});

test("anonymous is UNAUTHORIZED", async () => {
  await expect(callerFor(anonymous).apiKeys.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
});

test("revoking an unknown key is NOT_FOUND", async () => {
  await expect(admin.apiKeys.revoke({ id: "key_nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
});

test.each([
  ["assistant_ids on an admin key", { name: "k", scope: "admin", assistant_ids: ["support"] }],
  [
    "a past expiry (checked by the service)",
    { name: "k", scope: "admin", expires_at: "2000-01-01T00:00:00Z" },
  ],
  ["an unknown scope", { name: "k", scope: "root" }],
])("BAD_REQUEST for %s", async (_case, input) => {
  const error = await rejectionOf<TRPCError>(admin.apiKeys.create(input as { name: string; scope: "admin" }));
  expect(error.code).toBe("BAD_REQUEST");
  expect(error.cause).toMatchObject({ code: "INVALID_INPUT" });
});
