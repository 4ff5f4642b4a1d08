// tRPC over HTTP, through the Next route handler (fetch adapter): what a browser actually gets,
// error shapes included. Procedures themselves are covered with createCaller elsewhere.
import { beforeEach, expect, test } from "vitest";
import superjson from "superjson";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { bearer, createKeyActor } from "@/server/test/actors";

interface TrpcErrorBody {
  error: { json: { message: string; code: number; data: Record<string, unknown> } };
}

function request(
  method: "GET" | "POST",
  procedure: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  const serialized = JSON.stringify(superjson.serialize(input));
  const url = new URL(`http://localhost/api/trpc/${procedure}`);
  if (method === "GET") url.searchParams.set("input", serialized);
  return new Request(url, {
    method,
    headers: { "content-type": "application/json", "x-request-id": "req-trpc-test", ...headers },
    body: method === "POST" ? serialized : undefined,
  });
}

let auth: Record<string, string>;

beforeEach(async () => {
  auth = bearer((await createKeyActor("admin")).secret);
});

test("a query and a mutation round-trip with superjson", async () => {
  const created = await POST(request("POST", "assistants.create", { id: "support" }, auth));
  expect(created.status).toBe(200);
  const got = await GET(request("GET", "assistants.get", { id: "support" }, auth));
  const body = (await got.json()) as { result: { data: { json: { id: string } } } };
  expect(body.result.data.json.id).toBe("support");
});

interface ErrorCase {
  name: string;
  method: "GET" | "POST";
  procedure: string;
  input: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  appCode?: string;
}

const errorCases: ErrorCase[] = [
  {
    name: "anonymous on a protected procedure",
    method: "GET",
    procedure: "assistants.list",
    input: {},
    headers: {},
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "an invalid bearer key (treated as anonymous)",
    method: "GET",
    procedure: "assistants.list",
    input: {},
    headers: { authorization: "Bearer nope" },
    status: 401,
    code: "UNAUTHORIZED",
  },
  {
    name: "an unknown assistant",
    method: "GET",
    procedure: "assistants.get",
    input: { id: "nope" },
    status: 404,
    code: "NOT_FOUND",
    appCode: "NOT_FOUND",
  },
  {
    name: "invalid input",
    method: "POST",
    procedure: "assistants.create",
    input: { id: "auto" },
    status: 400,
    code: "BAD_REQUEST",
    appCode: "INVALID_INPUT",
  },
  {
    name: "a forbidden call (admin keys do not manage users)",
    method: "GET",
    procedure: "users.list",
    input: undefined,
    status: 403,
    code: "FORBIDDEN",
    appCode: "FORBIDDEN",
  },
];

test.each(errorCases)("$name: HTTP $status $code, no stack trace", async (error) => {
  const handler = error.method === "GET" ? GET : POST;
  const response = await handler(request(error.method, error.procedure, error.input, error.headers ?? auth));
  expect(response.status).toBe(error.status);
  const text = await response.text();
  const body = JSON.parse(text) as TrpcErrorBody;
  expect(body.error.json.data.code).toBe(error.code);
  if (error.appCode) expect(body.error.json.data.appCode).toBe(error.appCode);
  // The formatter blanks the stack (superjson keeps the key, as null).
  expect(body.error.json.data.stack ?? null).toBeNull();
  expect(text).not.toMatch(/\bat .+:\d+:\d+/);
});
