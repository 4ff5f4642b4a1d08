import { describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import { bootstrapAdminFromEnv, needsSetup, setupFirstAdmin } from "./setup-first-admin";

const input = (n: number) => ({
  name: `Admin ${n}`,
  email: `admin${n}@example.test`,
  password: "a long enough password",
});

describe("setupFirstAdmin", () => {
  test("creates the first user as an admin, once", async () => {
    expect(await needsSetup()).toBe(true);
    const created = await setupFirstAdmin(input(1));
    expect(created).toMatchObject({ email: "admin1@example.test", role: "admin" });
    expect(await needsSetup()).toBe(false);
    await expect(setupFirstAdmin(input(2))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().user.count()).toBe(1);
  });

  test("two concurrent calls: exactly one succeeds", async () => {
    const results = await Promise.allSettled([setupFirstAdmin(input(1)), setupFirstAdmin(input(2))]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().user.count()).toBe(1);
    expect(await getDb().user.count({ where: { role: "admin" } })).toBe(1);
  });

  test("is refused once any user exists, even a non-admin", async () => {
    await getDb().user.create({ data: { id: "u1", name: "V", email: "v@example.test", role: "viewer" } });
    await expect(setupFirstAdmin(input(1))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("bootstrapAdminFromEnv", () => {
  test("creates the admin when no user exists, then does nothing", async () => {
    expect(await bootstrapAdminFromEnv("boot@example.test", "a long enough password")).toBe(true);
    expect(await bootstrapAdminFromEnv("other@example.test", "a long enough password")).toBe(false);
    const users = await getDb().user.findMany();
    expect(users.map((user) => [user.email, user.role])).toEqual([["boot@example.test", "admin"]]);
  });
});
