// Malformed input gets a 4xx with the usual error body, never a 500: text PostgreSQL cannot store
// (U+0000, unpaired surrogates) in bodies, keys, query strings and path parameters, hostile
// nesting, unparseable tRPC input and superjson `meta`, bad batches and oversize bodies. REST goes
// through the real route handlers, tRPC through the real fetch adapter, so that the HTTP-level
// parsing is what is tested. The fuzz tests (fuzz.test.ts) cover every endpoint more loosely.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { POST as createAssistantRoute, GET as listAssistantsRoute } from "@/app/admin/assistants/route";
import { GET as getAssistantRoute } from "@/app/admin/assistants/[assistant_id]/route";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { createAssistant } from "@/server/services/assistants/create-assistant";
import { bearer, createKeyActor, master } from "@/server/test/actors";
import { callRoute } from "@/server/test/rest";
import { startRouteServer, type RouteServer } from "@/server/test/route-server";
import { TEST_MASTER_KEY } from "@/server/test/test-env";
import { toAppError } from "./error-response";
import { MAX_INPUT_DEPTH } from "./storable-input";

let auth: Record<string, string>;

beforeEach(async () => {
  auth = bearer((await createKeyActor("admin")).secret);
});

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("REST", () => {
  /** POSTs raw JSON text (so that escapes such as \ud800 reach the server as written). */
  const post = (json: string) =>
    callRoute(createAssistantRoute, {
      path: "/admin/assistants",
      body: json,
      headers: { ...auth, "content-type": "application/json" },
    });

  test.each([
    ["U+0000 in a string", String.raw`{"id":"a1","name":"x\u0000y"}`, "body.name", /U\+0000/],
    [
      "an unpaired high surrogate",
      String.raw`{"id":"a1","instructions":"x\ud800y"}`,
      "body.instructions",
      /surrogate/,
    ],
    [
      "an unpaired low surrogate",
      String.raw`{"id":"a1","description":"\udc00"}`,
      "body.description",
      /surrogate/,
    ],
    [
      "U+0000 deep in an array",
      String.raw`{"id":"a1","fallback_models":["ok","\u0000"]}`,
      "body.fallback_models.1",
      /U\+0000/,
    ],
    ["U+0000 in an object key", String.raw`{"id":"a1","metadata":{"k\u0000":"v"}}`, "body.metadata", /key/],
  ])("%s is 400 INVALID_INPUT naming the field", async (_case, json, path, message) => {
    const response = await post(json);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_INPUT");
    expect(response.json.error.message).toMatch(message);
    expect(response.json.error.details?.[0]?.path).toBe(path);
  });

  test(`nesting deeper than ${MAX_INPUT_DEPTH} levels is 400; as deep is fine for the reader`, async () => {
    const deep = await post(`{"id":"a1","metadata":{"k":${nested(MAX_INPUT_DEPTH + 5)}}}`);
    expect(deep.status).toBe(400);
    expect(deep.json.error.message).toMatch(/nested deeper than 64 levels/);
    const absurd = await post(nested(200_000));
    expect(absurd.status).toBe(400);
  });

  test("a surrogate pair (an emoji) is valid text and is stored as sent", async () => {
    const response = await post(String.raw`{"id":"a1","name":"hearth \ud83d\udd25"}`);
    expect(response.status).toBe(201);
    expect(response.json.name).toBe("hearth 🔥");
  });

  test("U+0000 in a query string or a path parameter is 400 too", async () => {
    const query = await callRoute(listAssistantsRoute, { path: "/admin/assistants?q=a%00b", headers: auth });
    expect(query.status).toBe(400);
    expect(query.json.error.details?.[0]?.path).toBe("query.q");
    const path = await callRoute(getAssistantRoute, {
      path: "/admin/assistants/a%00b",
      params: { assistant_id: "a\u0000b" },
      headers: auth,
    });
    expect(path.status).toBe(400);
    expect(path.json.error.details?.[0]?.path).toBe("path.assistant_id");
  });

  test("should such text reach the database anyway, its refusal maps to 400, not 500", async () => {
    // The service directly, past the edge check: PostgreSQL itself refuses the text.
    const error = await createAssistant(master, { id: "a1", name: "x\u0000y" }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).not.toBeNull();
    const mapped = toAppError(error, "req-backstop");
    expect(mapped.code).toBe("INVALID_INPUT");
    expect(mapped.status).toBe(400);
  });
});

describe("tRPC over HTTP", () => {
  interface TrpcErrorBody {
    error: {
      json: { message: string; code: number; data: { code: string; httpStatus: number; appCode?: string } };
    };
  }

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    trpcPost(
      new Request(`http://localhost/api/trpc/${path}`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", ...headers },
        body,
      }),
    );
  const get = (pathAndQuery: string) =>
    trpcGet(new Request(`http://localhost/api/trpc/${pathAndQuery}`, { headers: auth }));

  /** A 4xx with tRPC's error shape (one per call for a batch), no stack trace. */
  async function expectClientError(response: Response, status: number, message?: RegExp) {
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    const parsed = JSON.parse(text) as TrpcErrorBody | TrpcErrorBody[];
    for (const body of Array.isArray(parsed) ? parsed : [parsed]) {
      expect(body.error.json.data.httpStatus).toBe(status);
      if (message) expect(body.error.json.message).toMatch(message);
    }
  }

  test.each([
    ["U+0000 in a string", String.raw`{"json":{"id":"a1","name":"x\u0000y"}}`, /^Invalid name: .*U\+0000/],
    [
      "an unpaired surrogate",
      String.raw`{"json":{"id":"a1","instructions":"\ud800"}}`,
      /^Invalid instructions: .*surrogate/,
    ],
    [
      "U+0000 in a key",
      String.raw`{"json":{"id":"a1","metadata":{"\u0000":"v"}}}`,
      /^Invalid metadata: .*key/,
    ],
    ["hostile nesting", `{"json":{"id":"a1","metadata":{"k":${nested(100)}}}}`, /nested deeper/],
    ["JSON that does not parse", '{"json":', /^Malformed input/],
    ["null instead of the superjson envelope", "null", /^Malformed input/],
    [
      "a superjson meta naming no transformation",
      '{"json":{"id":"a1"},"meta":{"values":["bogus"]}}',
      /^Malformed input/,
    ],
    [
      "a superjson meta naming an unknown custom type",
      '{"json":{"id":"a1"},"meta":{"values":{"id":[["custom","nope"]]}}}',
      /^Malformed input/,
    ],
    [
      "a superjson meta reaching for __proto__",
      '{"json":{"id":"a1"},"meta":{"values":{"__proto__.x":["Date"]}}}',
      /^Malformed input/,
    ],
    [
      "a superjson meta turning the id into a Date",
      '{"json":{"id":"a1"},"meta":{"values":{"id":["Date"]}}}',
      /^Invalid id/,
    ],
  ])("%s is 400 INVALID_INPUT", async (_case, body, message) => {
    const response = await post("assistants.create", body);
    await expectClientError(response.clone(), 400, message);
    const parsed = (await response.json()) as TrpcErrorBody;
    expect(parsed.error.json.data).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_INPUT" });
  });

  test.each([
    ["input= that is not JSON", "assistants.get?input=%7Bbad"],
    [
      "input= with U+0000",
      `assistants.get?input=${encodeURIComponent(String.raw`{"json":{"id":"a\u0000"}}`)}`,
    ],
    ["a batch whose input is not an object", `assistants.list,assistants.list?batch=1&input=5`],
    [
      "a batch whose items are not superjson",
      `assistants.list?batch=1&input=${encodeURIComponent('{"0":5}')}`,
    ],
    ["an unparseable batch", `assistants.list?batch=1&input=%5B`],
  ])("a query with %s is 400", async (_case, pathAndQuery) => {
    await expectClientError(await get(pathAndQuery), 400);
  });

  test("a body over HEARTH_MAX_BODY_BYTES is 413, streamed or declared", async () => {
    const big = JSON.stringify({ json: { id: "a1", instructions: "x".repeat(1_100_000) } });
    await expectClientError(await post("assistants.create", big), 413, /larger than the limit/);
    const declared = await post("assistants.create", '{"json":{"id":"a1"}}', { "content-length": "5000000" });
    await expectClientError(declared, 413);
  });

  test("a well-formed call still works after all that", async () => {
    const response = await post("assistants.create", '{"json":{"id":"a1","name":"hearth 🔥"}}');
    expect(response.status).toBe(200);
  });
});

describe("an oversize body over HTTP", () => {
  let server: RouteServer;

  beforeAll(async () => {
    server = await startRouteServer([
      { path: "/api/trpc/{procedure}", handlers: { GET: trpcGet, POST: trpcPost } },
      { path: "/admin/assistants", handlers: { POST: createAssistantRoute } },
    ]);
  });

  afterAll(async () => {
    await server.close();
  });

  /** Streams `size` bytes of a JSON string; resolves with the status the client got, or its error. */
  function upload(path: string, size: number, declareLength: boolean): Promise<number | string> {
    return new Promise((resolve) => {
      const request = httpRequest(`${server.url}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${TEST_MASTER_KEY}`,
          "content-type": "application/json",
          ...(declareLength ? { "content-length": String(size) } : {}),
        },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      const chunk = Buffer.alloc(64 * 1024, "x");
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", pump);
        }
        request.end();
      };
      pump();
    });
  }

  test.each([
    ["tRPC", "/api/trpc/assistants.create"],
    ["REST", "/admin/assistants"],
  ])("%s answers 413 while the client is still sending, not a reset", async (_case, path) => {
    expect(await upload(path, 5 * 1024 * 1024, true)).toBe(413);
    expect(await upload(path, 5 * 1024 * 1024, false)).toBe(413);
  });
});
