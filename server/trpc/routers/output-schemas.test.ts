// Every procedure declares the shape of what it returns (STYLE.md: so a secret a service happens
// to return, such as a key hash, cannot reach the console by accident). tRPC parses each result
// with that schema and drops what it does not name; a procedure without one would send it all.
import { expect, test } from "vitest";
import { anonymous, createUserActor } from "@/server/test/actors";
import { callerFor } from "@/server/test/trpc";
import { appRouter } from "../root";

type ProcedureDef = { _def: { output?: unknown } };

test("every procedure of the app router declares an output schema", () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);
  expect(procedures.length).toBeGreaterThan(40);
  const without = procedures.filter(([, procedure]) => !procedure._def.output).map(([path]) => path);
  expect(without).toEqual([]);
});

test("session.me sends who is signed in, not the request details the context carries", async () => {
  const viewer = await createUserActor("viewer");
  const me = await callerFor({
    ...viewer,
    via: { clientAddress: "203.0.113.9", requestId: "req-output-schema" },
  }).session.me();
  expect(me).toEqual({ actor: viewer, needsSetup: false });
  expect(me.actor).not.toHaveProperty("via");
  expect(await callerFor(anonymous).session.me()).toEqual({ actor: null, needsSetup: false });
});
