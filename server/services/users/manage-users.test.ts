// Role changes and deletions, and the guards that keep at least one admin able to sign in.
import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import { createKeyActor, createUserActor, type UserActor } from "@/server/test/actors";
import { createApiKey } from "../api-keys/create-api-key";
import { deleteUser } from "./delete-user";
import { listUsers } from "./list-users";
import { updateUserRole } from "./update-user-role";

let admin: UserActor;
let operator: UserActor;

beforeEach(async () => {
  admin = await createUserActor("admin");
  operator = await createUserActor("operator");
});

describe("updateUserRole", () => {
  test("changes a role", async () => {
    const updated = await updateUserRole(admin, { id: operator.userId, role: "viewer" });
    expect(updated.role).toBe("viewer");
  });

  test("refuses to demote the last admin (CONFLICT), including oneself", async () => {
    await expect(updateUserRole(admin, { id: admin.userId, role: "operator" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This is the last admin: promote another user first",
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.userId } })).role).toBe("admin");
  });

  test("allows demoting an admin while another remains", async () => {
    const second = await createUserActor("admin");
    expect((await updateUserRole(admin, { id: second.userId, role: "viewer" })).role).toBe("viewer");
    await expect(updateUserRole(admin, { id: admin.userId, role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  test("two admins demoting each other at once: one change wins, one admin remains", async () => {
    const second = await createUserActor("admin");
    const results = await Promise.allSettled([
      updateUserRole(admin, { id: second.userId, role: "viewer" }),
      updateUserRole(second, { id: admin.userId, role: "viewer" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().user.count({ where: { role: "admin" } })).toBe(1);
  });

  test("keeping an admin an admin needs no other admin", async () => {
    expect((await updateUserRole(admin, { id: admin.userId, role: "admin" })).role).toBe("admin");
  });

  test("an unknown user is NOT_FOUND", async () => {
    await expect(updateUserRole(admin, { id: "nope", role: "viewer" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  test("an operator may not change roles", async () => {
    await expect(updateUserRole(operator, { id: operator.userId, role: "admin" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("deleteUser", () => {
  test("deletes a user with their sessions; their API keys stay, without a creator", async () => {
    const other = await createUserActor("admin");
    const key = await createApiKey(other, { name: "k", scope: "admin", assistant_ids: [] });
    await getDb().authSession.create({
      data: { id: "s1", token: "t1", userId: other.userId, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await deleteUser(admin, other.userId)).toEqual({ id: other.userId, deleted: true });
    expect(await getDb().authSession.count()).toBe(0);
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.createdById).toBeNull();
    expect((await listUsers(admin)).map((user) => user.id)).not.toContain(other.userId);
  });

  test("you cannot delete yourself", async () => {
    await createUserActor("admin");
    await expect(deleteUser(admin, admin.userId)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You cannot delete your own account",
    });
  });

  test("refuses to delete the last admin", async () => {
    // The caller was demoted after its session resolved (its actor still says admin), so the
    // target is the only admin left in the database: the guard reads the rows, not the actor.
    await getDb().user.update({ where: { id: admin.userId }, data: { role: "viewer" } });
    const lastAdmin = await createUserActor("admin");
    await expect(deleteUser(admin, lastAdmin.userId)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getDb().user.count({ where: { id: lastAdmin.userId } })).toBe(1);
  });

  test("an unknown user is NOT_FOUND, and deleting twice is NOT_FOUND", async () => {
    await expect(deleteUser(admin, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteUser(admin, operator.userId);
    await expect(deleteUser(admin, operator.userId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("an admin API key may not delete users", async () => {
    const { actor } = await createKeyActor("admin");
    await expect(deleteUser(actor, operator.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

test("listUsers lists everyone, without secrets", async () => {
  const users = await listUsers(admin);
  expect(users.map((user) => user.id).sort()).toEqual([admin.userId, operator.userId].sort());
  for (const user of users)
    expect(Object.keys(user).sort()).toEqual(["created_at", "email", "id", "name", "object", "role"]);
});
