// Input generators for the fuzz tests (server/http/fuzz.test.ts, server/trpc/fuzz.test.ts): values
// that follow a JSON Schema (the OpenAPI document's, or one zod derives from a procedure's input),
// with garbage in their place at every level now and then: text PostgreSQL cannot store, lone
// surrogates, huge and tiny numbers, hostile nesting, wrong types. Runs are seeded: the seed is
// printed, and HEARTH_FUZZ_SEED replays one.
import fc from "fast-check";
import { afterEach, beforeEach } from "vitest";
import { getDb } from "../db/client";
import { system } from "../services/access/actor";
import { createApiKey } from "../services/api-keys/create-api-key";
import { createVectorStoreInputSchema } from "../schemas/knowledge";
import { createVectorStore } from "../services/knowledge/vector-stores/create-vector-store";
import { settleActiveRuns } from "../services/loadtest/active-runs";
import { stopLoadTest } from "../services/loadtest/stop-loadtest";
import { createSession } from "../services/sessions/create-session";
import { createChatAssistant, registerSimulatorBackend, simulatorForFile } from "./chat";

export type JsonSchema = { [key: string]: unknown };

/** The base seed of this run (printed by the tests); HEARTH_FUZZ_SEED=<n> replays a failing run. */
export const fuzzSeed = Number(process.env.HEARTH_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** Runs per operation: enough to reach most branches, few enough to stay under a minute or two. */
export const FUZZ_RUNS = 25;

/** Strings that have broken parsers, drivers and databases before. */
const nastyStrings = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\udfff\ud800",
  "🔥",
  "",
  " ",
  "\t\n\r",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "'; DROP TABLE assistants; --",
  "../../../etc/passwd",
  "%00",
  "%ED%A0%80",
  "\\u0000",
  "\u202e\u2066",
  "A".repeat(5000),
  "é".repeat(300),
  "9".repeat(400),
  "-1",
  "1e400",
  "NaN",
  "0x10",
  "http://127.0.0.1:1/",
  "javascript:alert(1)",
];

const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 4,
});

const nastyString = fc.oneof(
  fc.constantFrom(...nastyStrings),
  loneSurrogates,
  fc.string({ unit: "binary", maxLength: 30 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom("\u0000", "\ud800", "\udc00"))
    .map(([a, b]) => a + b),
);

const nastyNumber = fc.constantFrom(
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 1,
  -(2 ** 63),
  2 ** 31,
  -(2 ** 31) - 1,
  0.5,
  -0,
  -1,
  1e21,
);

const deepNesting = fc.tuple(fc.integer({ min: 60, max: 400 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
});

/** Anything at all, in JSON: what a careless or hostile client sends in place of a value. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 4 },
  { arbitrary: nastyNumber, weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), weight: 1 },
);

/** Raw request bodies that are not what any JSON endpoint expects. */
export const garbageText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    '{"a":',
    "[1,2",
    "nul",
    "null",
    "[]",
    '""',
    "1e999999",
    '{"__proto__":{"admin":true}}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    "\u0000",
    "[".repeat(100_000),
    "[".repeat(5000) + "]".repeat(5000),
  ),
  fc.string({ unit: "binary", maxLength: 200 }),
  garbage.map((value) => JSON.stringify(value) ?? "null"),
);

export interface SchemaOptions {
  /** The document `$ref`s point into (`#/components/...` or `#/$defs/...`). */
  root: JsonSchema;
  /** Strings worth trying for any string (ids of objects that exist), so calls get past NOT_FOUND. */
  knownStrings?: string[];
  /** 1 in `garbageOdds` values is garbage instead of following the schema (default 12). */
  garbageOdds?: number;
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, "").split("/")) {
    node = (node as JsonSchema | undefined)?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return (node as JsonSchema | undefined) ?? {};
}

const bounded = (value: unknown, fallback: number, low: number, high: number) =>
  Math.min(high, Math.max(low, typeof value === "number" ? value : fallback));

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case "email":
      return fc.emailAddress();
    case "uri":
    case "url":
      return fc.constantFrom(
        "http://127.0.0.1:9/v1",
        "https://example.com/v1",
        "http://[::1]:8000/",
        "http://169.254.169.254/latest",
        "ftp://example.com/",
        "http://user:pass@example.com/",
        "not a url",
      );
    case "date-time":
      return fc
        .date({ noInvalidDate: true, min: new Date(0), max: new Date(4_102_444_800_000) })
        .map((date) => date.toISOString());
    case "uuid":
      return fc.uuid();
  }
  if (typeof schema.pattern === "string") {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot generate from: plain strings below.
    }
  }
  const minLength = bounded(schema.minLength, 0, 0, 50);
  const lengths = { minLength, maxLength: bounded(schema.maxLength, 40, minLength, 60) };
  // Mostly printable ASCII; now and then any code point (U+0000 included).
  return fc.oneof(
    { arbitrary: fc.string(lengths), weight: 3 },
    { arbitrary: fc.string({ ...lengths, unit: "binary" }), weight: 1 },
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const limit = integer ? 2 ** 31 : 1e12;
  const min = bounded(schema.minimum ?? schema.exclusiveMinimum, -limit, -limit, limit);
  const max = bounded(schema.maximum ?? schema.exclusiveMaximum, limit, min, limit);
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: JsonSchema, options: SchemaOptions, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required ?? []) as string[];
  const record = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, value]) => [key, fromSchema(value, options, depth + 1)]),
    ),
    { requiredKeys: required.filter((key) => key in properties) },
  );
  // Now and then a key the schema does not know, or a required one missing.
  return fc.oneof(
    { arbitrary: record, weight: options.garbageOdds ?? 12 },
    {
      arbitrary: fc
        .tuple(record, nastyString, garbage)
        .map(([value, key, extra]) => ({ ...value, [key]: extra })),
      weight: 1,
    },
    { arbitrary: record.map((value) => ({ ...value, [required[0] ?? "x"]: undefined })), weight: 1 },
  );
}

function typedArbitrary(schema: JsonSchema, options: SchemaOptions, depth: number): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (typeof schema.$ref === "string")
    return fromSchema(resolveRef(schema.$ref, options.root), options, depth + 1);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((item) => fromSchema(item, options, depth + 1)));
  if (Array.isArray(schema.allOf)) {
    return typedArbitrary(
      Object.assign({}, ...(schema.allOf as JsonSchema[])) as JsonSchema,
      options,
      depth + 1,
    );
  }
  if (Array.isArray(schema.type)) {
    return fc.oneof(
      ...(schema.type as string[]).map((type) => typedArbitrary({ ...schema, type }, options, depth)),
    );
  }
  switch (schema.type) {
    case "object":
      return objectArbitrary(schema, options, depth);
    case "array": {
      const minLength = bounded(schema.minItems, 0, 0, 3);
      return fc.array(fromSchema((schema.items ?? {}) as JsonSchema, options, depth + 1), {
        minLength,
        maxLength: bounded(schema.maxItems, 3, minLength, 4),
      });
    }
    case "string": {
      const strings = stringArbitrary(schema);
      const known = options.knownStrings ?? [];
      return known.length ? fc.oneof(strings, fc.constantFrom(...known)) : strings;
    }
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values of `schema`, with garbage in place of one value in `garbageOdds`, at every level. */
export function fromSchema(schema: JsonSchema, options: SchemaOptions, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: typedArbitrary(schema, options, depth), weight: (options.garbageOdds ?? 12) - 1 },
    { arbitrary: garbage, weight: 1 },
  );
}

/** The ids of the objects made for each test, which generated input uses now and then. */
export interface KnownIds {
  all: string[];
  /** The one object a REST path parameter names (`assistant_id` → the assistant). */
  byParameter: Record<string, string>;
}

/**
 * Real objects for every fuzz test, so that calls get past NOT_FOUND into the services: an
 * assistant on a vLLM simulator backend, a session, a vector store, an API key. A load test that
 * generated input happens to start is stopped when the test ends.
 */
export function fuzzFixtures(): () => KnownIds {
  const simulator = simulatorForFile();
  let known: KnownIds | undefined;
  beforeEach(async () => {
    const backend = await registerSimulatorBackend(simulator());
    await createChatAssistant("fuzz");
    const [session, store, key] = await Promise.all([
      createSession(system, "fuzz", {}),
      createVectorStore(system, "fuzz", createVectorStoreInputSchema.parse({ name: "fuzz" })),
      createApiKey(system, { name: "fuzz", scope: "runtime", assistant_ids: ["fuzz"] }),
    ]);
    known = {
      all: ["fuzz", session.id, store.id, key.id, backend.id],
      byParameter: {
        assistant_id: "fuzz",
        session_id: session.id,
        vector_store_id: store.id,
        key_id: key.id,
        backend_id: backend.id,
      },
    };
  });
  afterEach(async () => {
    const running = await getDb().loadTestRun.findMany({
      where: { status: { in: ["queued", "running"] } },
      select: { id: true },
    });
    await Promise.all(running.map((run) => stopLoadTest(system, run.id).catch(() => undefined)));
    await settleActiveRuns();
  });
  return () => {
    if (!known) throw new Error("The fuzz fixtures are made in beforeEach");
    return known;
  };
}
