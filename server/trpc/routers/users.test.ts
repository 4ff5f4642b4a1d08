import { beforeEach, expect, test } from "vitest";
import { anonymous, createKeyActor, createUserActor, type UserActor } from "@/server/test/actors";
import { callerFor } from "@/server/test/trpc";

let adminActor: UserActor;
let admin: ReturnType<typeof callerFor>;
const password = "a long enough password";

beforeEach(async () => {
  adminActor = await createUserActor("admin");
  admin = callerFor(adminActor);
});

test("create, list, change role, delete", async () => {
  const created = await admin.users.create({
    name: "Olive",
    email: "Olive@Example.test",
    password,
    role: "viewer",
  });
  expect(created.email).toBe("olive@example.test");
  expect(created).not.toHaveProperty("password");
  expect((await admin.users.list()).map((user) => user.email)).toContain("olive@example.test");
  expect((await admin.users.setRole({ id: created.id, role: "operator" })).role).toBe("operator");
  expect(await admin.users.delete({ id: created.id })).toEqual({ id: created.id, deleted: true });
});

test("CONFLICT: duplicate email, deleting yourself, demoting the last admin", async () => {
  await admin.users.create({ name: "Olive", email: "olive@example.test", password, role: "viewer" });
  await expect(
    admin.users.create({ name: "Olive", email: "OLIVE@example.test", password, role: "viewer" }),
  ).rejects.toMatchObject({ code: "CONFLICT" });
  await expect(admin.users.delete({ id: adminActor.userId })).rejects.toMatchObject({ code: "CONFLICT" });
  await expect(admin.users.setRole({ id: adminActor.userId, role: "viewer" })).rejects.toMatchObject({
    code: "CONFLICT",
  });
});

test("NOT_FOUND for an unknown user", async () => {
  await expect(admin.users.setRole({ id: "nope", role: "viewer" })).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
  await expect(admin.users.delete({ id: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
});

test.each([
  ["an operator", () => createUserActor("operator")],
  ["an admin API key", async () => (await createKeyActor("admin")).actor],
])("%s is FORBIDDEN", async (_case, makeActor) => {
  const caller = callerFor(await makeActor());
  await expect(caller.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  await expect(
    caller.users.create({ name: "X", email: "x@example.test", password, role: "admin" }),
  ).rejects.toMatchObject({ code: "FORBIDDEN" });
});

test("anonymous is UNAUTHORIZED", async () => {
  await expect(callerFor(anonymous).users.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
});

test.each([
  ["a short password", { name: "X", email: "x@example.test", password: "short", role: "viewer" }],
  ["an invalid email", { name: "X", email: "nope", password, role: "viewer" }],
  ["an unknown role", { name: "X", email: "x@example.test", password, role: "owner" }],
])("BAD_REQUEST for %s", async (_case, input) => {
  await expect(
    admin.users.create(input as { name: string; email: string; password: string; role: "viewer" }),
  ).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
});
