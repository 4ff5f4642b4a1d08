import { verifyPassword } from "better-auth/crypto";
import { beforeEach, describe, expect, test } from "vitest";
import { getAuth } from "@/server/auth/auth";
import { getDb } from "@/server/db/client";
import { createUserInputSchema } from "@/server/schemas/user";
import { createKeyActor, createUserActor, master, type UserActor } from "@/server/test/actors";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";

let admin: UserActor;
const password = "correct horse battery staple";

beforeEach(async () => {
  admin = await createUserActor("admin");
});

describe("createUser", () => {
  test("creates a console user with the given role", async () => {
    const created = await createUser(admin, {
      name: "Olive",
      email: "olive@example.test",
      password,
      role: "operator",
    });
    expect(created).toMatchObject({
      object: "user",
      name: "Olive",
      email: "olive@example.test",
      role: "operator",
    });
    expect((await listUsers(admin)).map((user) => user.email)).toContain("olive@example.test");
  });

  test("stores the password only as a scrypt hash in the credential account", async () => {
    const created = await createUser(admin, {
      name: "Olive",
      email: "olive@example.test",
      password,
      role: "viewer",
    });
    const accounts = await getDb().authAccount.findMany({ where: { userId: created.id } });
    expect(accounts).toHaveLength(1);
    const account = accounts[0]!;
    expect(account.providerId).toBe("credential");
    // better-auth's scrypt format: hex salt, ':', hex derived key.
    expect(account.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(JSON.stringify(account)).not.toContain(password);
    expect(await verifyPassword({ hash: account.password!, password })).toBe(true);
    expect(await verifyPassword({ hash: account.password!, password: `${password}!` })).toBe(false);
  });

  test("the same password hashes differently for two users (salted)", async () => {
    const [a, b] = await Promise.all([
      createUser(admin, { name: "A", email: "a@example.test", password, role: "viewer" }),
      createUser(admin, { name: "B", email: "b@example.test", password, role: "viewer" }),
    ]);
    const hashes = await getDb().authAccount.findMany({ where: { userId: { in: [a.id, b.id] } } });
    expect(new Set(hashes.map((account) => account.password)).size).toBe(2);
  });

  test("a duplicate email is a CONFLICT, whatever its case", async () => {
    await createUser(admin, { name: "Olive", email: "olive@example.test", password, role: "viewer" });
    // The service itself lower-cases too, for callers that bypass the schema.
    await expect(
      createUser(admin, { name: "Olive 2", email: "Olive@Example.TEST", password, role: "viewer" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const input = createUserInputSchema.parse({
      name: "O",
      email: "OLIVE@example.test",
      password,
      role: "admin",
    });
    await expect(createUser(admin, input)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getDb().user.count({ where: { email: "olive@example.test" } })).toBe(1);
  });

  test.each([
    ["an operator", () => createUserActor("operator")],
    ["a viewer", () => createUserActor("viewer")],
    ["an admin API key", async () => (await createKeyActor("admin")).actor],
    ["the master key", () => Promise.resolve(master)],
  ])("%s may not create users", async (_case, makeActor) => {
    const actor = await makeActor();
    await expect(
      createUser(actor, { name: "X", email: "x@example.test", password, role: "viewer" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("createUserInputSchema", () => {
  test.each([
    ["a short password", { name: "A", email: "a@example.test", password: "short", role: "viewer" }],
    ["an invalid email", { name: "A", email: "not-an-email", password, role: "viewer" }],
    ["an unknown role", { name: "A", email: "a@example.test", password, role: "root" }],
    ["an unknown field", { name: "A", email: "a@example.test", password, role: "viewer", admin: true }],
  ])("rejects %s", (_case, input) => {
    expect(createUserInputSchema.safeParse(input).success).toBe(false);
  });
});

describe("sign-in through better-auth", () => {
  beforeEach(async () => {
    await createUser(admin, { name: "Olive", email: "olive@example.test", password, role: "operator" });
  });

  test("succeeds with the right password and opens a session", async () => {
    const result = await getAuth().api.signInEmail({ body: { email: "olive@example.test", password } });
    expect(result.user).toMatchObject({ email: "olive@example.test", role: "operator" });
    expect(result.token).toEqual(expect.any(String));
    expect(await getDb().authSession.count({ where: { token: result.token } })).toBe(1);
  });

  test("accepts the email in another case", async () => {
    const result = await getAuth().api.signInEmail({ body: { email: "OLIVE@example.test", password } });
    expect(result.user.email).toBe("olive@example.test");
  });

  test.each([
    ["a wrong password", "olive@example.test", "wrong password, long enough"],
    ["an unknown email", "nobody@example.test", password],
  ])("fails with %s", async (_case, email, attempt) => {
    await expect(getAuth().api.signInEmail({ body: { email, password: attempt } })).rejects.toMatchObject({
      statusCode: 401,
    });
    expect(await getDb().authSession.count()).toBe(0);
  });
});
