// Console sign-in as an attacker tries it: over a real socket, through the route, in every body
// format better-auth reads, with forged forwarding headers. Then the limits' arithmetic: a guesser
// is stopped on one account, and a stranger cannot lock the owner out of it.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { getDb } from "../db/client";
import { env } from "../env";
import { type AppError } from "../errors";
import { admitSignInAttempt, recordSignInSuccess } from "../services/auth-limits/sign-in-limits";
import { createUser } from "../services/users/create-user";
import { createUserActor } from "../test/actors";
import { rejectionOf } from "../test/rejection";
import { startRouteServer, type RouteServer } from "../test/route-server";

const EMAIL = "olive@example.test";
const PASSWORD = "pale-lantern-orbit-42";
const ORIGIN = "http://localhost:3000"; // HEARTH_PUBLIC_URL in the test environment

let server: RouteServer;

beforeAll(async () => {
  server = await startRouteServer([
    { path: "/api/auth/sign-in/email", handlers: { POST: authRoute.POST } },
    { path: "/api/auth/get-session", handlers: { GET: authRoute.GET } },
  ]);
});
afterAll(() => server.close());

beforeEach(async () => {
  const admin = await createUserActor("admin");
  await createUser(admin, { name: "Olive", email: EMAIL, password: PASSWORD, role: "operator" });
});

type Format = "json" | "form" | "multipart";

function signInBody(format: Format, email: string, password: string): { body: BodyInit; type?: string } {
  if (format === "json") return { body: JSON.stringify({ email, password }), type: "application/json" };
  if (format === "form") {
    return {
      body: new URLSearchParams({ email, password }).toString(),
      type: "application/x-www-form-urlencoded",
    };
  }
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  return { body: form };
}

async function attempt(format: Format, password: string, forwardedFor = "203.0.113.1", email = EMAIL) {
  const { body, type } = signInBody(format, email, password);
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { origin: ORIGIN, "x-forwarded-for": forwardedFor, ...(type ? { "content-type": type } : {}) },
    body,
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    text: await response.text(),
  };
}

describe("sign-in over HTTP", () => {
  test("the right password opens a session, in each body format", async () => {
    for (const format of ["json", "form", "multipart"] as const) {
      const result = await attempt(format, PASSWORD);
      expect(result.status, `${format}: ${result.text}`).toBe(200);
    }
    expect(await getDb().authSession.count()).toBe(3);
  });

  test.each(["json", "form", "multipart"] as const)(
    "guesses in %s are stopped whatever X-Forwarded-For says, and the right password waits too",
    async (format) => {
      const limit = env.HEARTH_LOGIN_MAX_FAILURES;
      for (let index = 0; index < limit; index++) {
        expect((await attempt(format, `wrong guess number ${index}`, `198.51.100.${index}`)).status).toBe(
          401,
        );
      }
      const refused = await attempt(format, "one more wrong guess", "198.51.100.200");
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "RATE_LIMITED" } });
      // Counted before the password is checked: a guesser learns nothing more from here on.
      expect((await attempt(format, PASSWORD, "198.51.100.201")).status).toBe(429);
      expect(await getDb().authSession.count()).toBe(0);
    },
  );

  test("a body that is not a sign-in never reaches better-auth", async () => {
    const plain = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "text/plain" },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    expect(plain.status).toBe(415);
    const noEmail = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ username: EMAIL, password: PASSWORD }),
    });
    expect(noEmail.status).toBe(400);
    expect(await noEmail.json()).toMatchObject({ error: { code: "INVALID_INPUT" } });
    expect(await getDb().authSession.count()).toBe(0);
  });

  test("every attempt is in the audit log with the socket's address, not a forwarded one", async () => {
    await attempt("form", "not the password", "6.6.6.6");
    await attempt("json", PASSWORD, "6.6.6.6");
    const events = await getDb().auditEvent.findMany({
      where: { action: { startsWith: "auth." } },
      orderBy: { id: "asc" },
    });
    expect(
      events.map((event) => [event.action, event.outcome, event.actorLabel, event.clientAddress]),
    ).toEqual([
      ["auth.sign_in_failed", "failure", EMAIL, "127.0.0.1"],
      ["auth.sign_in", "success", EMAIL, "127.0.0.1"],
    ]);
    expect(JSON.stringify(events)).not.toContain("not the password");
  });
});

describe("the limits", () => {
  const stranger = "198.51.100.7";
  const owner = "192.0.2.10";

  async function exhaust(address: string, email = EMAIL) {
    for (let index = 0; index < env.HEARTH_LOGIN_MAX_FAILURES; index++)
      await admitSignInAttempt(email, address);
  }

  test("a guesser on one address is stopped on that account only, and the owner goes on", async () => {
    await exhaust(stranger);
    expect((await rejectionOf<AppError>(admitSignInAttempt(EMAIL, stranger))).code).toBe("RATE_LIMITED");
    await expect(admitSignInAttempt(EMAIL, owner)).resolves.toBeUndefined();
    await expect(admitSignInAttempt("someone-else@example.test", stranger)).resolves.toBeUndefined();
  });

  test("a success forgives its address's failures", async () => {
    await exhaust(owner);
    await recordSignInSuccess(EMAIL, owner);
    await expect(admitSignInAttempt(EMAIL, owner)).resolves.toBeUndefined();
  });

  test("many addresses together meet the account's ceiling, but the owner's known address does not", async () => {
    await recordSignInSuccess(EMAIL, owner);
    const ceiling = env.HEARTH_LOGIN_ACCOUNT_MAX_FAILURES;
    for (let index = 0; index < ceiling; index++)
      await admitSignInAttempt(EMAIL, `10.0.${index >> 8}.${index & 255}`);
    const refused = await rejectionOf<AppError>(admitSignInAttempt(EMAIL, "10.9.9.9"));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toMatch(/address you used before/);
    await expect(admitSignInAttempt(EMAIL, owner)).resolves.toBeUndefined();
  });

  test("one address is limited across accounts too", async () => {
    const perMinute = env.HEARTH_LOGIN_RATE_LIMIT;
    for (let index = 0; index < perMinute; index++)
      await admitSignInAttempt(`user${index}@example.test`, stranger);
    expect((await rejectionOf<AppError>(admitSignInAttempt("another@example.test", stranger))).code).toBe(
      "RATE_LIMITED",
    );
  });

  test("concurrent guesses cannot slip past the count", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: env.HEARTH_LOGIN_MAX_FAILURES + 4 }, () => admitSignInAttempt(EMAIL, stranger)),
    );
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(4);
  });
});
