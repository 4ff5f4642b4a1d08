// Property-based fuzzing of every REST operation the OpenAPI document lists, through the real
// route handler modules in app/ (found from the path: `/admin/assistants/{assistant_id}` lives in
// app/admin/assistants/[assistant_id]/route.ts; an operation without one fails the first test).
// Path, query and body come from the operation's own schemas with garbage mixed in at every level
// (server/test/fuzz.ts), sent by the master key against real objects (an assistant on the vLLM
// simulator, a session, a vector store, an API key, a backend). The property: no 500, no
// undocumented 5xx, and every error is the usual `{ error: { code, message } }` body. Streaming
// and upload-only operations get garbage once instead of generated bodies. The seed is printed;
// HEARTH_FUZZ_SEED replays it.
import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { errorTable, type ErrorCode } from "@/server/errors";
import { getOpenApiDocument } from "@/server/openapi/document";
import {
  FUZZ_RUNS,
  fromSchema,
  fuzzFixtures,
  fuzzSeed,
  garbage,
  garbageText,
  type JsonSchema,
  type KnownIds,
} from "@/server/test/fuzz";
import { TEST_MASTER_KEY } from "@/server/test/test-env";
import type { EndpointSpec } from "./endpoint";
import { allEndpoints } from "./endpoints";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  schema?: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  spec: EndpointSpec;
  parameters: Parameter[];
  jsonBody: JsonSchema | null;
  /** An answer that streams (SSE) or an upload-only body: garbage once, not generated bodies. */
  garbageOnly: boolean;
}

const root = path.resolve(import.meta.dirname, "../..");
const doc = JSON.parse(JSON.stringify(getOpenApiDocument())) as JsonSchema;
const specs = allEndpoints as EndpointSpec[];
const codes = new Set(Object.keys(errorTable));
/** What a dependency's failure answers: 5xx by design, documented per operation. */
const dependencyCodes = new Set<ErrorCode>([
  "UNAVAILABLE",
  "NO_BACKEND",
  "UPSTREAM_ERROR",
  "UPSTREAM_TIMEOUT",
]);

const operations: Operation[] = Object.entries(
  doc.paths as Record<string, Record<string, JsonSchema>>,
).flatMap(([apiPath, item]) =>
  Object.entries(item).map(([method, operation]) => {
    const spec = specs.find((candidate) => candidate.path === apiPath && candidate.method === method);
    if (!spec) throw new Error(`${method} ${apiPath} is documented but has no endpoint spec`);
    const content = (
      operation.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined
    )?.content;
    const jsonBody = content?.["application/json"]?.schema ?? null;
    return {
      method: method.toUpperCase(),
      path: apiPath,
      spec,
      parameters: (operation.parameters ?? []) as Parameter[],
      jsonBody,
      garbageOnly: spec.contentType === "text/event-stream" || (!!spec.multipart && !jsonBody),
    };
  }),
);

const routeFile = (apiPath: string) =>
  path.join(root, "app", apiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");

async function handlerOf(operation: Operation): Promise<Handler> {
  const routeModule = (await import(routeFile(operation.path))) as Record<string, unknown>;
  const handler = routeModule[operation.method];
  if (typeof handler !== "function")
    throw new Error(`${routeFile(operation.path)} exports no ${operation.method}`);
  return handler as Handler;
}

interface Call {
  params: Record<string, string>;
  query: [string, string][];
  /** Raw body text (JSON or not), or null for none. */
  body: string | null;
  contentType?: string;
}

const asQueryValue = (value: unknown): string =>
  typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));

/**
 * Calls to an operation: now mostly well-formed (`garbageOdds` high), now mostly garbage, so that
 * both the schemas' refusals and the services behind them are reached.
 */
function callArbitrary(operation: Operation, known: KnownIds, garbageOdds: number): fc.Arbitrary<Call> {
  const options = { root: doc, knownStrings: known.all, garbageOdds };
  const pathParams = operation.parameters.filter((parameter) => parameter.in === "path");
  const queryParams = operation.parameters.filter((parameter) => parameter.in === "query");
  const params = fc.record(
    Object.fromEntries(
      pathParams.map((parameter) => {
        const own = known.byParameter[parameter.name];
        return [
          parameter.name,
          fc.oneof(
            { arbitrary: fc.constantFrom(...(own ? [own] : known.all)), weight: garbageOdds },
            { arbitrary: fromSchema(parameter.schema ?? {}, options).map(asQueryValue), weight: 2 },
            { arbitrary: garbage.map(asQueryValue), weight: 1 },
          ),
        ];
      }),
    ),
  );
  const query = fc
    .tuple(
      fc.record(
        Object.fromEntries(
          queryParams.map((parameter) => [parameter.name, fromSchema(parameter.schema ?? {}, options)]),
        ),
        { requiredKeys: [] },
      ),
      fc.oneof(
        { arbitrary: fc.constant([]), weight: garbageOdds },
        {
          arbitrary: fc.tuple(fc.string({ maxLength: 8 }), garbage.map(asQueryValue)).map((pair) => [pair]),
          weight: 1,
        },
      ),
    )
    .map(([listed, extra]): [string, string][] => [
      ...Object.entries(listed).map(([key, value]): [string, string] => [key, asQueryValue(value)]),
      ...extra,
    ]);
  const body: fc.Arbitrary<string | null> = operation.jsonBody
    ? fc.oneof(
        {
          arbitrary: fromSchema(operation.jsonBody, options).map((value) => JSON.stringify(value) ?? ""),
          weight: 6,
        },
        { arbitrary: garbageText, weight: 1 },
      )
    : fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: garbageText, weight: 1 });
  return fc.record({ params, query, body });
}

const calls = (operation: Operation, known: KnownIds) =>
  fc.oneof(
    { arbitrary: callArbitrary(operation, known, 50), weight: 3 },
    { arbitrary: callArbitrary(operation, known, 5), weight: 2 },
  );

/** A URL path segment; the handler gets the raw value through `params`, as Next decodes it. */
const segment = (value = "") => encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "\ufffd"));

function requestFor(operation: Operation, call: Call): Request {
  const filled = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => segment(call.params[name]));
  const url = new URL(`http://localhost${filled}`);
  for (const [key, value] of call.query) url.searchParams.append(key, value);
  const hasBody = call.body !== null && operation.method !== "GET";
  return new Request(url, {
    method: operation.method,
    headers: {
      authorization: `Bearer ${TEST_MASTER_KEY}`,
      ...(hasBody ? { "content-type": call.contentType ?? "application/json" } : {}),
    },
    body: hasBody ? call.body : undefined,
  });
}

/** The property itself: what any answer to any input must look like. */
async function expectWellFormedAnswer(operation: Operation, response: Response): Promise<void> {
  const label = `${operation.method} ${operation.path} answered ${response.status}`;
  if (response.status < 400) {
    await response.body?.cancel();
    return;
  }
  const text = await response.text();
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${label} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  const { code, message } = body.error ?? {};
  expect(typeof code === "string" && codes.has(code), `${label}: error code ${String(code)}`).toBe(true);
  expect(typeof message, `${label}: error message`).toBe("string");
  if (response.status >= 500) {
    const documented =
      operation.spec.errors.includes(code as ErrorCode) && dependencyCodes.has(code as ErrorCode);
    expect(documented, `${label} ${String(code)}: ${String(message)}`).toBe(true);
  }
}

describe("REST fuzzing", () => {
  const knownIds = fuzzFixtures();

  beforeAll(() => {
    console.log(
      `REST fuzzing: seed ${fuzzSeed} (HEARTH_FUZZ_SEED=${fuzzSeed} replays it), ${FUZZ_RUNS} runs each`,
    );
  });

  test("every documented operation has a route handler that exports its method", async () => {
    expect(operations.length).toBe(specs.length);
    for (const operation of operations) {
      expect(existsSync(routeFile(operation.path)), `${operation.path}: ${routeFile(operation.path)}`).toBe(
        true,
      );
      await expect(handlerOf(operation)).resolves.toBeTypeOf("function");
    }
  });

  test.each(
    operations.map(
      (operation, index) => [`${operation.method} ${operation.path}`, operation, index] as const,
    ),
  )("%s: no 5xx, errors in the usual shape", { timeout: 120_000 }, async (name, operation, index) => {
    const handler = await handlerOf(operation);
    const seen = new Map<number, number>();
    const send = async (call: Call) => {
      const response = await handler(requestFor(operation, call), {
        params: Promise.resolve(call.params),
      });
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      await expectWellFormedAnswer(operation, response);
    };
    if (operation.garbageOnly) {
      const params = Object.fromEntries(
        operation.parameters
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => [parameter.name, "fuzz"]),
      );
      await send({
        params,
        query: [],
        body: '{"message":"\\u0000","messages":[{"role":"user","content":"\\ud800"}]}',
      });
      await send({
        params,
        query: [],
        body: "--x\r\ngarbage",
        contentType: "multipart/form-data; boundary=x",
      });
      await send({ params, query: [["q", "\u0000"]], body: "[".repeat(10_000) });
      return;
    }
    await fc.assert(fc.asyncProperty(calls(operation, knownIds()), send), {
      numRuns: FUZZ_RUNS,
      seed: fuzzSeed + index,
      endOnFailure: true,
    });
    console.log(`${name}: ${[...seen].map(([status, count]) => `${status}x${count}`).join(" ")}`);
  });
});
