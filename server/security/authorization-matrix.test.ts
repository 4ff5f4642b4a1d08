// The authorization matrix: every REST operation of /openapi.json and every tRPC procedure of the
// app router, called by every kind of caller, must answer what the policy says. The expected answer
// comes from each operation's rule (authorization-rules.ts) and the policy's `can()`: allowed means
// the call goes through (a success, or the one refusal the rule names), denied means 401 for a
// caller without valid credentials and 403 for one without the right. Operations on an assistant
// are tried on A (in the scoped runtime key's scope) and B (out of it), and, when they name a
// session, file or store, with A's id and B's object (which must not be found). REST calls go
// through the route handlers under app/ with the headers a client sends (console users with a
// real session cookie); tRPC calls go through the router with the actor its context resolves.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, test } from "vitest";
import * as openApiRoute from "@/app/openapi.json/route";
import { env } from "../env";
import { AppError } from "../errors";
import type { Actor } from "../services/access/actor";
import { can } from "../services/access/policy";
import { simulatorForFile } from "../test/chat";
import { callerFor } from "../test/trpc";
import { appRouter } from "../trpc/root";
import {
  restRules,
  trpcRules,
  undocumentedRoutes,
  type RestRule,
  type TrpcRule,
} from "./authorization-rules";
import {
  crossTarget,
  principalNames,
  restPrincipal,
  seedWorld,
  trpcActor,
  type PrincipalName,
  type Target,
  type World,
} from "./authorization-world";

const simulator = simulatorForFile();

const appDir = fileURLToPath(new URL("../../app/", import.meta.url));
const rulesFile = "server/security/authorization-rules.ts";

type RuleBase = Pick<RestRule, "access" | "allowed" | "crossAllowed">;

/** "ok" for a success, otherwise the error code of the answer. */
type Outcome = string;

/** What the policy says of a caller and an operation: let through, or refused with 401 or 403. */
type Verdict = "allowed" | "401" | "403";

function verdictFor(rule: RuleBase, actor: Actor | null, target: Target, world: World): Verdict {
  const { access } = rule;
  if ("public" in access) return "allowed";
  if (actor === null || actor.kind === "anonymous") return "401";
  if ("signedIn" in access) return "allowed";
  const needs = typeof access.needs === "string" ? [access.needs] : access.needs;
  const assistants =
    access.on === "target"
      ? [target.assistantId]
      : access.on === "any"
        ? [world.a.assistantId, world.b.assistantId]
        : [undefined];
  return assistants.some((id) => needs.every((permission) => can(actor, permission, id))) ? "allowed" : "403";
}

function expectedOutcome(rule: RuleBase, verdict: Verdict, cross: boolean): Outcome {
  if (verdict === "401") return "UNAUTHORIZED";
  if (verdict === "403") return "FORBIDDEN";
  return cross ? (rule.crossAllowed ?? "NOT_FOUND") : (rule.allowed ?? "ok");
}

/** Where a case runs: the target it names, labelled for messages. */
interface Placement {
  label: string;
  target: Target;
  cross: boolean;
}

/**
 * A and B for an operation on an assistant, preceded by the cross case when its input names
 * objects of the target (told apart by building the input for both and comparing).
 */
function placements(world: World, perAssistant: boolean, inputOf: (target: Target) => unknown): Placement[] {
  if (!perAssistant) return [{ label: "", target: world.a, cross: false }];
  const cross = crossTarget(world);
  const namesObjects = JSON.stringify(inputOf(cross)) !== JSON.stringify(inputOf(world.a));
  return [
    ...(namesObjects ? [{ label: " [A's path, B's objects]", target: cross, cross: true }] : []),
    { label: " [A]", target: world.a, cross: false },
    { label: " [B]", target: world.b, cross: false },
  ];
}

/** One operation as the matrix runs it for a caller. */
interface MatrixEntry {
  key: string;
  rule: RuleBase;
  perAssistant: boolean;
  /** The request or input the operation gets for a target (compared to find the cross case). */
  inputOf: (target: Target) => unknown;
  call: (target: Target) => Promise<{ outcome: Outcome; detail?: string }>;
}

interface Tally {
  operations: number;
  perAssistant: number;
  crossCases: number;
  casesPerPrincipal: number;
  byPrincipal: Map<PrincipalName, Record<Verdict, number>>;
}

const newTally = (): Tally => ({
  operations: 0,
  perAssistant: 0,
  crossCases: 0,
  casesPerPrincipal: 0,
  byPrincipal: new Map(),
});
const tallies = { REST: newTally(), tRPC: newTally() };

/** Runs every entry, in order, for one caller; returns the calls whose answer is not the expected one. */
async function runMatrix(
  tally: Tally,
  name: PrincipalName,
  actor: Actor | null,
  world: World,
  entries: MatrixEntry[],
): Promise<string[]> {
  const mismatches: string[] = [];
  const verdicts: Record<Verdict, number> = { allowed: 0, "401": 0, "403": 0 };
  let perAssistant = 0;
  let crossCases = 0;
  let cases = 0;
  for (const entry of entries) {
    const where = placements(world, entry.perAssistant, entry.inputOf);
    if (entry.perAssistant) perAssistant += 1;
    crossCases += where.filter((place) => place.cross).length;
    for (const place of where) {
      const verdict = verdictFor(entry.rule, actor, place.target, world);
      const expected = expectedOutcome(entry.rule, verdict, place.cross);
      const { outcome, detail } = await entry.call(place.target);
      cases += 1;
      verdicts[verdict] += 1;
      if (outcome !== expected) {
        mismatches.push(`${entry.key}${place.label}: expected ${expected}, got ${outcome}${detail ?? ""}`);
      }
    }
  }
  Object.assign(tally, { operations: entries.length, perAssistant, crossCases, casesPerPrincipal: cases });
  tally.byPrincipal.set(name, verdicts);
  return mismatches;
}

// ---------------------------------------------------------------------------------------------
// REST: the operations of /openapi.json, through their route handlers.

interface Operation {
  key: string;
  method: string;
  path: string;
}

async function documentedOperations(): Promise<Operation[]> {
  const document = (await openApiRoute.GET().json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
    })),
  );
}

let routeFileCache: Map<string, string> | undefined;

/** app/**\/route.ts by the path it serves, written as OpenAPI writes paths. */
function routeFiles(): Map<string, string> {
  routeFileCache ??= scanRouteFiles();
  return routeFileCache;
}

function scanRouteFiles(): Map<string, string> {
  const files = readdirSync(appDir, { recursive: true, encoding: "utf8" }).filter(
    (file) => path.basename(file) === "route.ts",
  );
  return new Map(
    files.map((file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment))
        .map((segment) =>
          segment.replace(
            /^\[+(\.\.\.)?(\w+)\]+$/,
            (_, dots: string = "", name: string) => `{${dots}${name}}`,
          ),
        );
      return [`/${segments.join("/")}`, path.join(appDir, file)];
    }),
  );
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function handlerFor(operation: Operation): Promise<Handler> {
  const file = routeFiles().get(operation.path);
  if (!file) throw new Error(`${operation.key}: no app/**/route.ts serves ${operation.path}`);
  const routeModule = (await import(/* @vite-ignore */ file)) as Record<string, Handler | undefined>;
  const handler = routeModule[operation.method];
  if (!handler)
    throw new Error(`${operation.key}: ${path.relative(appDir, file)} exports no ${operation.method}`);
  return handler;
}

function pathParams(
  operation: Operation,
  rule: RestRule,
  target: Target,
  world: World,
): Record<string, string> {
  const values: Record<string, string> = {
    assistant_id: target.assistantId,
    session_id: target.sessionId,
    message_id: target.answerId,
    file_id: target.fileId,
    vector_store_id: target.vectorStoreId,
    backend_id: world.backendId,
    key_id: world.apiKeyId,
    loadtest_id: world.loadTestId,
    ...rule.params?.(world),
  };
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return Object.fromEntries(
    names.map((name) => {
      const value = values[name];
      if (value === undefined) {
        throw new Error(
          `${operation.key}: no value for {${name}}; give its rule a params() or add a default in pathParams()`,
        );
      }
      return [name, value];
    }),
  );
}

function restRequest(operation: Operation, rule: RestRule, target: Target, world: World) {
  const params = pathParams(operation, rule, target, world);
  const filled = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
  const query = rule.query ? `?${new URLSearchParams(rule.query(target, world)).toString()}` : "";
  return { url: `${env.publicUrl}${filled}${query}`, params, body: rule.body?.(target, world) };
}

async function callRest(
  handler: Handler,
  operation: Operation,
  rule: RestRule,
  target: Target,
  world: World,
  headers: Record<string, string>,
): Promise<{ outcome: Outcome; status: number }> {
  const { url, params, body } = restRequest(operation, rule, target, world);
  const sent = new Headers(headers);
  let payload: BodyInit | undefined;
  if (rule.upload) {
    const form = new FormData();
    form.append("file", new Blob([rule.upload.content], { type: rule.upload.type }), rule.upload.filename);
    payload = form;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    sent.set("content-type", "application/json");
  }
  const response = await handler(
    new Request(url, { method: operation.method, headers: sent, body: payload }),
    {
      params: Promise.resolve(params),
    },
  );
  // Read to the end: a stream's exchange finishes (and is stored) before the next call.
  const text = await response.text();
  if (response.ok) return { outcome: "ok", status: response.status };
  try {
    const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    return { outcome: code ?? `HTTP ${response.status}`, status: response.status };
  } catch {
    return { outcome: `HTTP ${response.status}`, status: response.status };
  }
}

const perAssistantRest = (operation: Operation, rule: RestRule) =>
  operation.path.includes("{assistant_id}") || ("needs" in rule.access && rule.access.on === "target");

// ---------------------------------------------------------------------------------------------
// tRPC: every procedure of the app router, through a caller.

const procedurePaths = () => Object.keys(appRouter._def.procedures);

type AnyProcedure = (input: unknown) => Promise<unknown>;

function procedureOf(caller: ReturnType<typeof callerFor>, procedure: string): AnyProcedure {
  const [routerName, name] = procedure.split(".") as [string, string];
  const routers = caller as unknown as Record<string, Record<string, AnyProcedure>>;
  return (input) => routers[routerName]![name]!(input);
}

async function callTrpc(run: AnyProcedure, input: unknown): Promise<Outcome> {
  try {
    await run(input);
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError)
      return error.cause instanceof AppError ? error.cause.code : `TRPC ${error.code}`;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------

describe("every operation has a rule", () => {
  test("each documented REST operation has a rule and a route handler", async () => {
    const operations = await documentedOperations();
    const missing = operations
      .filter((operation) => !(operation.key in restRules))
      .map((operation) => `${operation.key}: add its rule to restRules in ${rulesFile}`);
    const unserved: string[] = [];
    for (const operation of operations) {
      await handlerFor(operation).catch((error: Error) => unserved.push(error.message));
    }
    expect([...missing, ...unserved]).toEqual([]);
  });

  test("each REST rule is a documented operation", async () => {
    const documented = new Set((await documentedOperations()).map((operation) => operation.key));
    const stale = Object.keys(restRules).filter((key) => !documented.has(key));
    expect(stale, `rules in ${rulesFile} for operations /openapi.json does not have`).toEqual([]);
  });

  test("each route file serves documented operations or is listed with its reason", async () => {
    const documented = new Set((await documentedOperations()).map((operation) => operation.path));
    const unlisted = [...routeFiles()]
      .filter(([served]) => !documented.has(served) && !(served in undocumentedRoutes))
      .map(
        ([served, file]) =>
          `${path.relative(appDir, file)} (${served}): document it in server/http/endpoints, or list it in undocumentedRoutes`,
      );
    const gone = Object.keys(undocumentedRoutes).filter((served) => !routeFiles().has(served));
    expect([
      ...unlisted,
      ...gone.map((served) => `undocumentedRoutes lists ${served}, which no route serves`),
    ]).toEqual([]);
  });

  test("each tRPC procedure has a rule, and each rule a procedure", () => {
    const procedures = new Set(procedurePaths().map((procedure) => `trpc:${procedure}`));
    const missing = [...procedures]
      .filter((key) => !(key in trpcRules))
      .map((key) => `${key}: add its rule to trpcRules in ${rulesFile}`);
    const stale = Object.keys(trpcRules)
      .filter((key) => !procedures.has(key))
      .map((key) => `${key}: no such procedure in the app router`);
    expect([...missing, ...stale]).toEqual([]);
  });
});

describe("REST: every operation x every caller", () => {
  test.each(principalNames)(
    "REST as %s",
    async (name) => {
      const world = await seedWorld(simulator());
      const principal = await restPrincipal(name, world);
      const operations = new Map(
        (await documentedOperations()).map((operation) => [operation.key, operation]),
      );
      const entries: MatrixEntry[] = [];
      for (const [key, rule] of Object.entries(restRules) as [string, RestRule][]) {
        const operation = operations.get(key);
        if (!operation) continue; // reported by the coverage test
        const handler = await handlerFor(operation);
        entries.push({
          key,
          rule,
          perAssistant: perAssistantRest(operation, rule),
          inputOf: (target) => restRequest(operation, rule, target, world),
          call: async (target) => {
            const { outcome, status } = await callRest(
              handler,
              operation,
              rule,
              target,
              world,
              principal.headers,
            );
            return { outcome, detail: ` (HTTP ${status})` };
          },
        });
      }
      const mismatches = await runMatrix(tallies.REST, name, principal.actor, world, entries);
      expect(mismatches, `${name} over REST`).toEqual([]);
      // Every REST operation through the HTTP edge, for each target: it grows with the API (the
      // admin's run took 8-20 s here, by the machine's load), so more than the default 20 s.
    },
    60_000,
  );
});

describe("tRPC: every procedure x every caller", () => {
  test.each(principalNames)("tRPC as %s", async (name) => {
    const world = await seedWorld(simulator());
    const actor = await trpcActor(name, world);
    const caller = callerFor(actor);
    const procedures = new Set(procedurePaths());
    const entries: MatrixEntry[] = [];
    for (const [key, rule] of Object.entries(trpcRules) as [string, TrpcRule][]) {
      const procedure = key.slice("trpc:".length);
      if (!procedures.has(procedure)) continue; // reported by the coverage test
      entries.push({
        key,
        rule,
        perAssistant: "needs" in rule.access && rule.access.on === "target",
        inputOf: (target) => rule.input?.(target, world),
        call: async (target) => ({
          outcome: await callTrpc(procedureOf(caller, procedure), rule.input?.(target, world)),
        }),
      });
    }
    const mismatches = await runMatrix(tallies.tRPC, name, actor, world, entries);
    expect(mismatches, `${name} over tRPC`).toEqual([]);
  });
});

afterAll(() => {
  const lines = ["Authorization matrix:"];
  for (const [surface, tally] of Object.entries(tallies)) {
    if (tally.byPrincipal.size === 0) continue;
    const total = tally.casesPerPrincipal * tally.byPrincipal.size;
    lines.push(
      `  ${surface}: ${tally.operations} operations (${tally.perAssistant} tried on A and B, ` +
        `${tally.crossCases} also with B's objects) = ${tally.casesPerPrincipal} cases x ` +
        `${tally.byPrincipal.size} callers = ${total} calls`,
    );
    for (const [principal, row] of tally.byPrincipal) {
      lines.push(
        `    ${principal.padEnd(18)} allowed ${String(row.allowed).padStart(3)}  401 ${String(row["401"]).padStart(3)}  403 ${String(row["403"]).padStart(3)}`,
      );
    }
  }
  console.log(lines.join("\n"));
});
