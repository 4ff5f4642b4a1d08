// Passwords an attacker's list reaches early are refused, with the reason, wherever a password is
// set: a new user, the first admin, and better-auth's own change-password endpoint.
import { beforeEach, describe, expect, test } from "vitest";
import { getAuth } from "@/server/auth/auth";
import { getDb } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { createUserActor, type UserActor } from "@/server/test/actors";
import { rejectionOf } from "@/server/test/rejection";
import { createUser } from "./create-user";
import { passwordWeakness } from "./password-strength";
import { setupFirstAdmin } from "./setup-first-admin";

const STRONG = "pale-lantern-orbit-42";

describe("passwordWeakness", () => {
  test.each([
    "password1234",
    "Password123!",
    "qwertyuiop123",
    "iloveyou12345",
    "123456789012",
    "aaaaaaaaaaaa",
  ])("refuses %s, saying why", (password) => {
    expect(passwordWeakness(password)).toMatch(/too easy to guess\. .+/);
  });

  test("refuses a password made of the person's own name and e-mail", () => {
    expect(passwordWeakness("zorblaxquint")).toBeNull();
    expect(passwordWeakness("zorblaxquint", ["zorblax.quint@example.test", "Zorblax Quint"])).not.toBeNull();
  });

  test("accepts a passphrase", () => {
    expect(passwordWeakness(STRONG)).toBeNull();
    expect(passwordWeakness("a long enough password")).toBeNull();
  });
});

describe("where passwords are set", () => {
  let admin: UserActor;
  beforeEach(async () => {
    admin = await createUserActor("admin");
  });

  test("a new user with a common password is refused on the password field, and not created", async () => {
    const error = await rejectionOf<AppError>(
      createUser(admin, {
        name: "Olive",
        email: "olive@example.test",
        password: "Password123!",
        role: "viewer",
      }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.details).toEqual([
      { path: "password", message: expect.stringMatching(/commonly used/) as string },
    ]);
    expect(await getDb().user.count({ where: { email: "olive@example.test" } })).toBe(0);
  });

  test("the first admin too", async () => {
    await getDb().user.deleteMany();
    const error = await rejectionOf<AppError>(
      setupFirstAdmin({ name: "Admin", email: "admin@example.test", password: "letmein123456" }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(await getDb().user.count()).toBe(0);
  });

  test("better-auth's change-password applies the same rule", async () => {
    await createUser(admin, { name: "Olive", email: "olive@example.test", password: STRONG, role: "viewer" });
    const { headers } = await getAuth().api.signInEmail({
      body: { email: "olive@example.test", password: STRONG },
      returnHeaders: true,
    });
    const cookie = headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    await expect(
      getAuth().api.changePassword({
        body: { currentPassword: STRONG, newPassword: "password1234" },
        headers: new Headers({ cookie }),
      }),
    ).rejects.toMatchObject({ statusCode: 400, body: { code: "WEAK_PASSWORD" } });
    const changed = await getAuth().api.changePassword({
      body: { currentPassword: STRONG, newPassword: "quiet-meadow-copper-7" },
      headers: new Headers({ cookie }),
    });
    expect(changed.user.email).toBe("olive@example.test");
    const events = await getDb().auditEvent.findMany({ where: { action: "user.password_change" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain("quiet-meadow-copper-7");
  });
});
