import { beforeEach, describe, expect, test } from "vitest";
import { getDb } from "@/server/db/client";
import { createUser } from "@/server/services/users/create-user";
import { bearer, createKeyActor, createUserActor, master } from "@/server/test/actors";
import { TEST_MASTER_KEY } from "@/server/test/test-env";
import { getAuth } from "./auth";
import { resolveActor } from "./resolve-actor";

const password = "a long enough password";

/** Signs in through better-auth and returns the Cookie header a browser would send back. */
async function signIn(email: string): Promise<string> {
  const { headers } = await getAuth().api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookies = headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  expect(cookies.some((cookie) => cookie?.startsWith("hearth.session_token="))).toBe(true);
  return cookies.join("; ");
}

describe("resolveActor", () => {
  let userId: string;

  beforeEach(async () => {
    const admin = await createUserActor("admin");
    userId = (
      await createUser(admin, { name: "Olive", email: "olive@example.test", password, role: "operator" })
    ).id;
  });

  test("no credentials: anonymous", async () => {
    expect(await resolveActor(new Headers())).toEqual({ kind: "anonymous" });
  });

  test("a session cookie: the signed-in user, with the role from the database", async () => {
    const cookie = await signIn("olive@example.test");
    expect(await resolveActor(new Headers({ cookie }))).toEqual({
      kind: "user",
      userId,
      email: "olive@example.test",
      role: "operator",
    });
    await getDb().user.update({ where: { id: userId }, data: { role: "viewer" } });
    expect(await resolveActor(new Headers({ cookie }))).toMatchObject({ role: "viewer" });
  });

  test("a forged or unknown session cookie: anonymous", async () => {
    expect(await resolveActor(new Headers({ cookie: "hearth.session_token=forged.value" }))).toEqual({
      kind: "anonymous",
    });
  });

  test("a session ends with its user", async () => {
    const cookie = await signIn("olive@example.test");
    await getDb().user.delete({ where: { id: userId } });
    expect(await resolveActor(new Headers({ cookie }))).toEqual({ kind: "anonymous" });
  });

  test("a bearer API key, which wins over a cookie", async () => {
    const cookie = await signIn("olive@example.test");
    const { secret, actor } = await createKeyActor("runtime", ["support"]);
    expect(await resolveActor(new Headers({ ...bearer(secret), cookie }))).toEqual(actor);
  });

  test("the master key", async () => {
    expect(await resolveActor(new Headers(bearer(TEST_MASTER_KEY)))).toEqual(master);
  });

  test.each([
    ["a malformed Authorization header", "Basic dXNlcjpwYXNz"],
    ["a bearer with no key", "Bearer "],
    ["an unknown key", "Bearer hth_unknown"],
  ])("%s is UNAUTHORIZED (a bad credential is never anonymous)", async (_case, authorization) => {
    await expect(resolveActor(new Headers({ authorization }))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
