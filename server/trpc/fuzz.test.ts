// Property-based fuzzing of every procedure of the app router, through the real tRPC route (the
// fetch adapter), so that tRPC's own parsing of `input=`, bodies, superjson `meta` and batches is
// fuzzed along with the procedures. Input comes from each procedure's zod schema (as JSON Schema)
// with garbage mixed in at every level (server/test/fuzz.ts), sent by the master key against real
// objects. The property: no 500, no 5xx but a dependency's, every error in tRPC's error shape with
// its HTTP status. The seed is printed; HEARTH_FUZZ_SEED replays it.
import fc from "fast-check";
import superjson from "superjson";
import { beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
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
import { appRouter } from "./root";

interface Procedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  schema: JsonSchema | null;
}

const procedures: Procedure[] = Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
  const { type, inputs } = (
    procedure as unknown as { _def: { type: Procedure["type"]; inputs: z.ZodType[] } }
  )._def;
  const input = inputs[0];
  return {
    path,
    type,
    schema: input ? z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) : null,
  };
});

/** The HTTP request of one call: its path (one procedure, or a batch) and the raw input. */
interface Call {
  batch: boolean;
  /** Raw `input=` (queries) or body (mutations) text; null for none. */
  input: string | null;
}

/** As the console's client sends it; what superjson will not write (a `__proto__` key) goes as plain JSON. */
function serialized(value: unknown): string {
  try {
    return JSON.stringify(superjson.serialize(value));
  } catch {
    return JSON.stringify({ json: value }) ?? "null";
  }
}

function callArbitrary(procedure: Procedure, known: KnownIds, garbageOdds: number): fc.Arbitrary<Call> {
  const value = procedure.schema
    ? fromSchema(procedure.schema, { root: procedure.schema, knownStrings: known.all, garbageOdds })
    : fc.oneof(fc.constant(undefined), garbage);
  return fc.oneof(
    { arbitrary: value.map((input): Call => ({ batch: false, input: serialized(input) })), weight: 8 },
    // superjson's envelope with a `meta` that is not what it wrote.
    {
      arbitrary: fc
        .tuple(value, garbage)
        .map(([input, meta]): Call => ({ batch: false, input: JSON.stringify({ json: input, meta }) ?? "" })),
      weight: 1,
    },
    { arbitrary: garbageText.map((input): Call => ({ batch: false, input })), weight: 1 },
    // A batch of two: one generated, one garbage (which may not even be an object).
    {
      arbitrary: fc.tuple(value, garbage, fc.boolean()).map(([input, other, asObject]): Call => ({
        batch: true,
        input: asObject
          ? `{"0":${serialized(input)},"1":${JSON.stringify(other) ?? "null"}}`
          : serialized(other),
      })),
      weight: 1,
    },
  );
}

const calls = (procedure: Procedure, known: KnownIds) =>
  fc.oneof(
    { arbitrary: callArbitrary(procedure, known, 50), weight: 3 },
    { arbitrary: callArbitrary(procedure, known, 5), weight: 2 },
  );

function requestFor(procedure: Procedure, call: Call): Request {
  const path = call.batch ? `${procedure.path},${procedure.path}` : procedure.path;
  const url = new URL(`http://localhost/api/trpc/${path}`);
  if (call.batch) url.searchParams.set("batch", "1");
  const headers = { authorization: `Bearer ${TEST_MASTER_KEY}`, "content-type": "application/json" };
  if (procedure.type === "query") {
    if (call.input !== null) url.searchParams.set("input", call.input);
    return new Request(url, { headers });
  }
  return new Request(url, { method: "POST", headers, body: call.input ?? undefined });
}

interface TrpcItem {
  result?: unknown;
  error?: {
    json?: { message?: unknown; data?: { code?: unknown; httpStatus?: unknown; appCode?: unknown } };
  };
}

/** What a dependency's failure answers: 5xx by design (the error table). */
const dependencyCodes = new Set(["UNAVAILABLE", "NO_BACKEND", "UPSTREAM_ERROR", "UPSTREAM_TIMEOUT"]);

/** The property: every call's answer is a result or an error in tRPC's shape, and no 500. */
async function expectWellFormedAnswer(procedure: Procedure, response: Response): Promise<void> {
  const label = `${procedure.path} answered ${response.status}`;
  const text = await response.text();
  let parsed: TrpcItem | TrpcItem[];
  try {
    parsed = JSON.parse(text) as TrpcItem | TrpcItem[];
  } catch {
    throw new Error(`${label} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
    if (item.result !== undefined) continue;
    const data = item.error?.json?.data;
    const detail = `${label}: ${JSON.stringify(item).slice(0, 300)}`;
    expect(typeof item.error?.json?.message, detail).toBe("string");
    expect(typeof data?.code, detail).toBe("string");
    const status = data?.httpStatus as number;
    expect(status >= 400 && (status < 500 || dependencyCodes.has(data?.appCode as string)), detail).toBe(
      true,
    );
    if (!Array.isArray(parsed)) expect(response.status, detail).toBe(status);
  }
  if (response.status >= 500) expect(Array.isArray(parsed), `${label} for a batch`).toBe(false);
}

describe("tRPC fuzzing", () => {
  const knownIds = fuzzFixtures();

  beforeAll(() => {
    console.log(
      `tRPC fuzzing: seed ${fuzzSeed} (HEARTH_FUZZ_SEED=${fuzzSeed} replays it), ${FUZZ_RUNS} runs each`,
    );
  });

  test("the router has procedures to fuzz, and no subscription (not over this transport)", () => {
    expect(procedures.length).toBeGreaterThan(10);
    expect(procedures.filter((procedure) => procedure.type === "subscription")).toEqual([]);
  });

  test.each(procedures.map((procedure, index) => [procedure.path, procedure, index] as const))(
    "%s: no 5xx, errors in tRPC's shape",
    { timeout: 120_000 },
    async (name, procedure, index) => {
      const handler = procedure.type === "query" ? GET : POST;
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(calls(procedure, knownIds()), async (call) => {
          const response = await handler(requestFor(procedure, call));
          seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
          await expectWellFormedAnswer(procedure, response);
        }),
        { numRuns: FUZZ_RUNS, seed: fuzzSeed + 1000 + index, endOnFailure: true },
      );
      console.log(`${name}: ${[...seen].map(([status, count]) => `${status}x${count}`).join(" ")}`);
    },
  );
});
