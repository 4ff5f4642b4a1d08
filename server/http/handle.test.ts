// The REST adapter's own behaviour, through real route handlers called without a server: body
// limits and content types, validation errors, request ids, what a 500 reveals (nothing), the
// other kinds of answer (text, Server-Sent Events) and the headers an error's data stands for.
import { beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { POST as createAssistantRoute, GET as listAssistantsRoute } from "@/app/admin/assistants/route";
import { GET as getAssistantRoute } from "@/app/admin/assistants/[assistant_id]/route";
import { bearer, createKeyActor } from "@/server/test/actors";
import { callRoute, type RestBody } from "@/server/test/rest";
import { AppError } from "@/server/errors";
import { renderMetrics } from "@/server/services/observability/metrics";
import { rateLimitOf } from "@/server/services/gateway/gateway";
import { getAssistantEndpoint } from "./endpoints/assistants";
import { versionEndpoint } from "./endpoints/system";
import { handle } from "./handle";
import { sse, text } from "./reply";

let auth: Record<string, string>;

beforeEach(async () => {
  auth = bearer((await createKeyActor("admin")).secret);
});

const create = (body: unknown, headers: Record<string, string> = {}) =>
  callRoute(createAssistantRoute, { path: "/admin/assistants", body, headers: { ...auth, ...headers } });

/** No error body may carry a stack trace or the name of a source file. */
function expectNoStack(text: string) {
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/\.ts\b/);
}

describe("request bodies", () => {
  test("valid JSON creates (201)", async () => {
    const response = await create({ id: "support" });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ id: "support", object: "assistant" });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });

  test("malformed JSON is 400 INVALID_INPUT", async () => {
    const response = await create('{"id": "support",', { "content-type": "application/json" });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_INPUT");
    expect(response.json.error.message).toMatch(/^Malformed JSON body/);
    expectNoStack(response.text);
  });

  test.each([
    ["text/plain", "text/plain", "got 'text/plain'"],
    ["form data", "application/x-www-form-urlencoded", "got 'application/x-www-form-urlencoded'"],
    ["no content type", undefined, "got none"],
  ])("%s is 415 UNSUPPORTED_MEDIA_TYPE", async (_case, contentType, got) => {
    const headers = new Headers(auth);
    if (contentType) headers.set("content-type", contentType);
    // Bytes, not a string: a string body would make Request add text/plain by itself.
    const request = new Request("http://localhost/admin/assistants", {
      method: "POST",
      headers,
      body: new TextEncoder().encode('{"id":"support"}'),
    });
    const response = await createAssistantRoute(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(415);
    const body = (await response.json()) as RestBody;
    expect(body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(body.error.message).toContain(got);
  });

  test("a JSON content type with a charset or +json suffix is accepted", async () => {
    expect((await create({ id: "a1" }, { "content-type": "application/json; charset=utf-8" })).status).toBe(
      201,
    );
    expect((await create({ id: "a2" }, { "content-type": "application/merge-patch+json" })).status).toBe(201);
  });

  test("a body over the limit (1 MiB) is 413, read as a stream", async () => {
    const response = await create({ id: "big", instructions: "x".repeat(1_100_000) });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  test("a declared Content-Length over the limit is 413 before reading", async () => {
    const response = await create({ id: "big" }, { "content-length": String(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
  });

  test("an unknown field is 400 with details naming it", async () => {
    const response = await create({ id: "support", colour: "red" });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_INPUT");
    expect(response.json.error.details).toHaveLength(1);
    expect(response.json.error.details?.[0]?.path).toBe("body");
    expect(response.json.error.details?.[0]?.message).toContain("colour");
  });

  test("an invalid value is 400 with the path of the field", async () => {
    const response = await create({ id: "support", generation: { temperature: 3 } });
    expect(response.status).toBe(400);
    expect(response.json.error.message).toMatch(/^Invalid body\.generation\.temperature/);
    expect(response.json.error.details?.[0]?.path).toBe("body.generation.temperature");
  });

  test("an empty body counts as {} (and then fails validation: id is required)", async () => {
    const response = await create("", { "content-type": "application/json" });
    expect(response.status).toBe(400);
    expect(response.json.error.details?.[0]?.path).toBe("body.id");
  });
});

describe("query and path parameters", () => {
  test.each([
    ["limit=abc", "query.limit"],
    ["limit=0", "query.limit"],
    ["enabled=yes", "query.enabled"],
    ["sort=name", "query"],
  ])("?%s is 400 naming %s", async (search, path) => {
    const response = await callRoute(listAssistantsRoute, {
      path: `/admin/assistants?${search}`,
      headers: auth,
    });
    expect(response.status).toBe(400);
    expect(response.json.error.details?.[0]?.path).toBe(path);
  });

  test("query strings are coerced (limit, enabled)", async () => {
    await create({ id: "a1" });
    await create({ id: "a2", enabled: false });
    const response = await callRoute(listAssistantsRoute, {
      path: "/admin/assistants?limit=5&enabled=false",
      headers: auth,
    });
    expect(response.status).toBe(200);
    expect((response.json.data as { id: string }[]).map((assistant) => assistant.id)).toEqual(["a2"]);
  });

  test("an invalid path parameter is 400", async () => {
    const response = await callRoute(getAssistantRoute, {
      path: "/admin/assistants/Not%20Valid",
      params: { assistant_id: "Not Valid" },
      headers: auth,
    });
    expect(response.status).toBe(400);
    expect(response.json.error.details?.[0]?.path).toBe("path.assistant_id");
  });
});

describe("request ids", () => {
  test("every response carries one, success or error", async () => {
    const ok = await create({ id: "support" });
    const failed = await create({ id: "support" });
    expect(ok.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.status).toBe(409);
    expect(failed.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.headers.get("x-request-id")).not.toBe(ok.headers.get("x-request-id"));
  });

  test("a well-formed id from the caller is returned, a malformed one replaced", async () => {
    const response = await create({ id: "support" }, { "x-request-id": "req-from-caller-1" });
    expect(response.headers.get("x-request-id")).toBe("req-from-caller-1");
    const malformed = await create({ id: "other" }, { "x-request-id": "bad id <script>" });
    expect(malformed.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("unexpected errors", () => {
  const secret = "password=hunter2 at db.internal:5432";

  test("a thrown error is a 500 that says only 'quote request id'", async () => {
    const route = handle(versionEndpoint, () => {
      throw new Error(secret);
    });
    const response = await callRoute(route, {
      path: "/version",
      headers: { "x-request-id": "req-500-test" },
    });
    expect(response.status).toBe(500);
    expect(response.json).toEqual({
      error: { code: "INTERNAL", message: "Internal error; quote request id req-500-test when reporting it" },
    });
    expect(response.headers.get("x-request-id")).toBe("req-500-test");
    expect(response.text).not.toContain("hunter2");
    expectNoStack(response.text);
  });

  test("a non-Error throw is handled the same way", async () => {
    const route = handle(versionEndpoint, () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the case under test
      throw { secret };
    });
    const response = await callRoute(route, { path: "/version" });
    expect(response.status).toBe(500);
    expect(response.text).not.toContain("hunter2");
  });

  test("output that does not match the response schema is a 500, not a leak", async () => {
    const route = handle(getAssistantEndpoint, () => ({ id: "x", hash: "secret-hash" }) as never);
    const response = await callRoute(route, {
      path: "/admin/assistants/x",
      params: { assistant_id: "x" },
      headers: auth,
    });
    expect(response.status).toBe(500);
    expect(response.json.error.code).toBe("INTERNAL");
    expect(response.text).not.toContain("secret-hash");
  });

  test("fields outside the response schema are dropped from a valid output", async () => {
    const spec = { ...versionEndpoint, response: z.object({ name: z.literal("hearth") }) };
    const route = handle(spec, () => ({ name: "hearth" as const, hash: "secret-hash" }));
    const response = await callRoute(route, { path: "/version" });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ name: "hearth" });
  });
});

describe("credentials", () => {
  test.each([
    ["no Authorization header", {}],
    ["a malformed Authorization header", { authorization: "Token abc" }],
    ["an unknown key", { authorization: "Bearer hth_unknown0000000000000000000000000000000" }],
  ])("%s is 401", async (_case, headers) => {
    const response = await callRoute(listAssistantsRoute, { path: "/admin/assistants", headers });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe("UNAUTHORIZED");
    expectNoStack(response.text);
  });

  test("without credentials, invalid input is still 401 (no schema hints for strangers)", async () => {
    const response = await callRoute(createAssistantRoute, { path: "/admin/assistants", body: { nope: 1 } });
    expect(response.status).toBe(401);
  });
});

describe("one edge for every kind of answer", () => {
  const counted = async (route: string, status: number) => {
    const text = (await renderMetrics()).body;
    const line = text
      .split("\n")
      .find((row) =>
        row.startsWith(`hearth_http_requests_total{route="${route}",method="GET",status="${status}"}`),
      );
    return Number(line?.split(" ").at(-1) ?? 0);
  };

  test("a text body: its type and file name, never cached, with the request id; counted under its template", async () => {
    const spec = { ...versionEndpoint, path: "/test/{name}/report" };
    const route = handle(spec, () =>
      text({ body: "a,b\n1,2\n", contentType: "text/csv", filename: "r.csv" }),
    );
    const before = await counted(spec.path, 200);
    const response = await route(
      new Request("http://localhost/test/x/report", { headers: { "x-request-id": "req-text-1" } }),
      {
        params: Promise.resolve({ name: "x" }),
      },
    );
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "text/csv",
      "content-disposition": 'attachment; filename="r.csv"',
      "cache-control": "no-store",
      "x-request-id": "req-text-1",
    });
    expect(await response.text()).toBe("a,b\n1,2\n");
    expect(await counted(spec.path, 200)).toBe(before + 1);
  });

  test("a text body in pieces is streamed, and read only as the client takes it", async () => {
    let produced = 0;
    async function* pieces() {
      for (const piece of ["one\n", "two\n", "three\n"]) {
        produced += 1;
        yield piece;
      }
    }
    const route = handle(versionEndpoint, () => text({ body: pieces(), contentType: "text/plain" }));
    const response = await route(new Request("http://localhost/version"), { params: Promise.resolve({}) });
    expect(response.headers.get("content-disposition")).toBeNull();
    const reader = response.body!.getReader();
    await reader.read();
    expect(produced).toBeLessThan(3);
    await reader.cancel();
  });

  test("Server-Sent Events: encoded as produced, with the request id", async () => {
    async function* events() {
      yield "first";
      yield "second";
    }
    const route = handle(versionEndpoint, () =>
      sse(
        () => events(),
        (item) => `data: ${item}\n\n`,
      ),
    );
    const response = await route(
      new Request("http://localhost/version", { headers: { "x-request-id": "req-sse-1" } }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-request-id")).toBe("req-sse-1");
    expect(await response.text()).toBe(": stream open\n\ndata: first\n\ndata: second\n\n");
  });

  test("a failure before any body is the same JSON error, whatever the run would have answered", async () => {
    const route = handle(getAssistantEndpoint, () =>
      sse(
        () => {
          throw new Error("not reached: the path is invalid");
        },
        () => "",
      ),
    );
    const response = await callRoute(route, {
      path: "/admin/assistants/Not%20Valid",
      params: { assistant_id: "Not Valid" },
      headers: auth,
    });
    expect(response.status).toBe(400);
    expect(response.json.error.details?.[0]?.path).toBe("path.assistant_id");
  });
});

describe("error data rendered as headers", () => {
  test("a rate limit: Retry-After and RateLimit-*, in whole seconds", async () => {
    const route = handle(versionEndpoint, () => {
      throw new AppError("RATE_LIMITED", "busy", { rateLimit: rateLimitOf(2.2, 8) });
    });
    const response = await callRoute(route, { path: "/version" });
    expect(response.status).toBe(429);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "retry-after": "3",
      "ratelimit-limit": "8",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "3",
    });
    expect(response.json).toEqual({ error: { code: "RATE_LIMITED", message: "busy" } });
  });

  test("a rate limit without a known limit: Retry-After alone", async () => {
    const route = handle(versionEndpoint, () => {
      throw new AppError("RATE_LIMITED", "busy", { rateLimit: { retryAfterSeconds: 7 } });
    });
    const response = await callRoute(route, { path: "/version" });
    expect(response.headers.get("retry-after")).toBe("7");
    expect([...response.headers.keys()].filter((name) => name.startsWith("ratelimit"))).toEqual([]);
  });
});
