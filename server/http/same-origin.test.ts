// The one origin rule for console sessions, through the real REST route handlers and the tRPC route
// (fetch adapter): a console cookie on a request another origin made is refused, whatever the
// method; the console's own requests, non-browser clients and bearer keys are not concerned.
import { beforeEach, describe, expect, test } from "vitest";
import { GET as listAssistantsRoute, POST as createAssistantRoute } from "@/app/admin/assistants/route";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { getAuth } from "@/server/auth/auth";
import { createUser } from "@/server/services/users/create-user";
import { bearer, createKeyActor, createUserActor } from "@/server/test/actors";
import { callRoute } from "@/server/test/rest";
import { testEnv } from "@/server/test/test-env";
import { isCrossOrigin } from "./same-origin";

const password = "correct horse battery staple 7419";
const SELF = "http://localhost";
const FOREIGN = "https://attacker.example";

let cookie: string;
let keyAuth: Record<string, string>;

/** A signed-in console admin's Cookie header, and an admin API key. */
async function signInAdmin() {
  const admin = await createUserActor("admin");
  await createUser(admin, { name: "Ada", email: "ada@example.test", password, role: "admin" });
  const { headers } = await getAuth().api.signInEmail({
    body: { email: "ada@example.test", password },
    returnHeaders: true,
  });
  cookie = headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  expect(cookie).toContain("hearth.session_token=");
  keyAuth = bearer((await createKeyActor("admin")).secret);
}

describe("isCrossOrigin", () => {
  test.each([
    ["no Origin, no Sec-Fetch-Site (curl, a typed address)", {}, false],
    ["the same origin", { origin: SELF }, false],
    ["another host", { origin: FOREIGN }, true],
    ["another port of the same host", { origin: "http://localhost:4000" }, true],
    ["a sibling subdomain", { origin: "http://evil.localhost" }, true],
    ['"null" (a sandboxed page)', { origin: "null" }, true],
    ["garbage", { origin: "not a url" }, true],
    ["no Origin, Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, true],
    ["no Origin, Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }, true],
    ["no Origin, Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }, false],
    ["no Origin, Sec-Fetch-Site: none (typed, bookmarked)", { "sec-fetch-site": "none" }, false],
    ["the Host header's origin", { origin: "https://hearth.example", host: "hearth.example" }, false],
    [
      "HEARTH_PUBLIC_URL's origin, behind a proxy that passes its own Host",
      { origin: testEnv.HEARTH_PUBLIC_URL, host: "127.0.0.1:3000" },
      false,
    ],
    [
      "HEARTH_PUBLIC_URL's host on another scheme",
      { origin: "https://localhost:3000", host: "127.0.0.1" },
      true,
    ],
    [
      // Believed only from a trusted proxy (client-address.test.ts), never from the client itself.
      "an X-Forwarded-Host the client wrote",
      { origin: "https://evil.example", host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
      true,
    ],
  ])("%s: %s", (_case, headers, expected) => {
    expect(isCrossOrigin(new Request(`${SELF}/admin/assistants`, { headers }))).toBe(expected);
  });
});

describe("REST with a console session", () => {
  beforeEach(signInAdmin);

  const create = (headers: Record<string, string>, id: string) =>
    callRoute(createAssistantRoute, { path: "/admin/assistants", body: { id }, headers });
  const list = (headers: Record<string, string>) =>
    callRoute(listAssistantsRoute, { path: "/admin/assistants", headers });

  test("a write from another origin is 403, from the console's own 201", async () => {
    const refused = await create({ cookie, origin: FOREIGN }, "from-elsewhere");
    expect(refused.status).toBe(403);
    expect(refused.json.error).toEqual({
      code: "FORBIDDEN",
      message: "Cross-origin requests with a console session are refused",
    });
    expect((await create({ cookie, origin: SELF }, "from-console")).status).toBe(201);
    expect((await create({ cookie }, "from-curl")).status).toBe(201);
  });

  test("a read another site's page made is 403 too (Origin or Sec-Fetch-Site)", async () => {
    expect((await list({ cookie, origin: FOREIGN })).status).toBe(403);
    expect((await list({ cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await list({ cookie, "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  test("a bearer key is not concerned, whatever the origin", async () => {
    expect((await create({ ...keyAuth, origin: FOREIGN }, "by-key")).status).toBe(201);
    expect((await list({ ...keyAuth, "sec-fetch-site": "cross-site" })).status).toBe(200);
  });
});

describe("tRPC with a console session", () => {
  beforeEach(signInAdmin);

  interface TrpcError {
    error: { json: { message: string; data: { code: string; httpStatus: number; appCode?: string } } };
  }

  const mutation = (headers: Record<string, string>, id: string) =>
    trpcPost(
      new Request(`${SELF}/api/trpc/assistants.create`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ json: { id } }),
      }),
    );
  const query = (headers: Record<string, string>) =>
    trpcGet(
      new Request(`${SELF}/api/trpc/assistants.list?input=${encodeURIComponent('{"json":{}}')}`, { headers }),
    );

  async function expectForbidden(response: Response) {
    expect(response.status).toBe(403);
    const body = (await response.json()) as TrpcError;
    expect(body.error.json.data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, appCode: "FORBIDDEN" });
    expect(body.error.json.message).toBe("Cross-origin requests with a console session are refused");
  }

  test("a mutation from another origin is 403, from the console's own 200", async () => {
    await expectForbidden(await mutation({ cookie, origin: FOREIGN }, "from-elsewhere"));
    await expectForbidden(await mutation({ cookie, origin: "null" }, "from-sandbox"));
    expect((await mutation({ cookie, origin: SELF }, "from-console")).status).toBe(200);
  });

  test("a query from another origin is 403 as well", async () => {
    await expectForbidden(await query({ cookie, origin: FOREIGN }));
    await expectForbidden(await query({ cookie, "sec-fetch-site": "cross-site" }));
    expect((await query({ cookie, "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  test("a batch from another origin is refused call by call", async () => {
    const response = await trpcGet(
      new Request(
        `${SELF}/api/trpc/assistants.list,assistants.list?batch=1&input=${encodeURIComponent('{"0":{"json":{}},"1":{"json":{}}}')}`,
        { headers: { cookie, origin: FOREIGN } },
      ),
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as TrpcError[];
    expect(body.map((item) => item.error.json.data.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
  });

  test("a bearer key is not concerned, whatever the origin", async () => {
    expect((await mutation({ ...keyAuth, origin: FOREIGN }, "by-key")).status).toBe(200);
    expect((await query({ ...keyAuth, "sec-fetch-site": "cross-site" })).status).toBe(200);
  });
});
