// Shared Playwright fixtures: the master key, a request context that sends it, a runtime-scoped
// API key made through the admin API (revoked afterwards), and unique ids, so that specs running
// in parallel against one server never collide. `llm` is a vLLM simulator of the worker's own,
// registered as a backend serving a model of its own, for the specs that inject faults (cleared
// after each test). Also `expectApiError`, the one check of the REST error contract: status,
// `{ error: { code, message } }`, an x-request-id, and no stack trace.
import { randomBytes } from "node:crypto";
import { expect, test as base, type APIRequestContext, type APIResponse } from "@playwright/test";
import { BASE_URL, MASTER_KEY } from "./support/env";
import { startSimulatedBackend, type SimulatedBackend } from "./support/simulated-backend";

export interface CreatedKey {
  id: string;
  key: string;
}

interface Fixtures {
  /** The server's master key (HEARTH_MASTER_KEY): full admin API access. */
  adminKey: string;
  /** A request context that sends the master key as a bearer token. */
  api: APIRequestContext;
  /** A runtime-scoped API key created through POST /admin/api-keys; revoked after the test. */
  runtimeKey: CreatedKey;
  /** A fresh id that is a valid assistant id: lowercase, digits and '-'. */
  uniqueId: (prefix?: string) => string;
  /** The worker's own simulator and the model its backend serves; faults are cleared after the test. */
  llm: SimulatedBackend;
}

interface WorkerFixtures {
  workerLlm: SimulatedBackend;
}

export function newUniqueId(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A body sent byte for byte: Playwright would JSON-encode a string given with a JSON content type. */
export const raw = (text: string) => Buffer.from(text, "utf8");

export const test = base.extend<Fixtures, WorkerFixtures>({
  // (`provide` is Playwright's `use`, renamed so that React's hook rules do not mistake it.)
  adminKey: async ({}, provide) => {
    await provide(MASTER_KEY);
  },
  api: async ({ playwright, baseURL, adminKey }, provide) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: bearer(adminKey) });
    await provide(context);
    await context.dispose();
  },
  runtimeKey: async ({ api }, provide) => {
    const response = await api.post("/admin/api-keys", {
      data: { name: newUniqueId("runtime-key"), scope: "runtime" },
    });
    expect(response.status(), await response.text()).toBe(201);
    const created = (await response.json()) as CreatedKey;
    await provide({ id: created.id, key: created.key });
    await api.delete(`/admin/api-keys/${created.id}`);
  },
  uniqueId: async ({}, provide) => {
    await provide(newUniqueId);
  },
  llm: async ({ workerLlm }, provide) => {
    await provide(workerLlm);
    workerLlm.sim.clearFaults();
  },
  // Started by the first test of a worker that asks for it; tests in a worker run one at a time,
  // so a fault set by one test cannot strike another.
  workerLlm: [
    async ({ playwright }, provide) => {
      const api = await playwright.request.newContext({
        baseURL: BASE_URL,
        extraHTTPHeaders: bearer(MASTER_KEY),
      });
      const llm = await startSimulatedBackend(api, newUniqueId("sim"));
      await provide(llm);
      await llm.stop();
      await api.dispose();
    },
    { scope: "worker" },
  ],
});

export { expect } from "@playwright/test";

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Asserts the REST error contract and returns the body for further checks. */
export async function expectApiError(
  response: APIResponse,
  status: number,
  code: string,
): Promise<ErrorBody> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["x-request-id"]).toBeTruthy();
  const body = JSON.parse(text) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Object.keys(body.error).sort()).toEqual(
    "details" in body.error ? ["code", "details", "message"] : ["code", "message"],
  );
  // No stack traces or internals, whatever went wrong.
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|\.ts:\d+|Prisma|stack/i);
  return body;
}
