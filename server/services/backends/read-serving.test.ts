// What the console's health badges and banner read: the served models with their backends' health
// as the gateway sees it, and the enabled assistants that nothing can answer now, for the reasons
// an operator can act on (a backend down, a model nobody serves), with fallbacks counted.
import { beforeEach, describe, expect, test } from "vitest";
import { assistantServing, type Serving } from "../../schemas/serving";
import { createUserActor, keyActor, master } from "../../test/actors";
import { rejectionOf } from "../../test/rejection";
import { createAssistant } from "../assistants/create-assistant";
import { getGateway, replaceGateway } from "../gateway/gateway-instance";
import { createBackend } from "./create-backend";
import { readServing } from "./read-serving";

const refused = { ok: false as const, latencyMs: 1, reason: "connection refused" };

// Nothing listens on these ports: only the probes recorded below decide the backends' health.
const backend = (name: string, port: number, models: string[]) =>
  createBackend(master, {
    name,
    kind: "openai_compatible",
    base_url: `http://127.0.0.1:${port}/v1`,
    models,
  });

const assistant = (
  id: string,
  model: string,
  extra: { fallback_models?: string[]; enabled?: boolean } = {},
) => createAssistant(master, { id, model, instructions: "Answer briefly.", ...extra });

async function takeDown(backendId: string) {
  await readServing(master); // syncs the gateway with the saved backends
  for (let i = 0; i < 3; i += 1) getGateway().recordProbe(backendId, refused);
}

beforeEach(() => {
  replaceGateway({ affinity: false });
});

describe("readServing", () => {
  test("no enabled backend: retrieval-only, and no assistant counts as unreachable", async () => {
    await assistant("docs-only", "gpt-oss-20b");
    const serving = await readServing(master);
    expect(serving).toMatchObject({
      retrieval_only: true,
      models: [],
      unreachable: [],
      unreachable_total: 0,
    });
  });

  test("a down backend, a model nobody serves and a served fallback, each as an operator reads it", async () => {
    const small = await backend("small", 9, ["gpt-oss-20b"]);
    await backend("large", 10, ["gpt-oss-120b"]);
    await assistant("on-small", "gpt-oss-20b");
    await assistant("falls-back", "gpt-oss-20b", { fallback_models: ["gpt-oss-120b"] });
    await assistant("typo", "gpt-oss-2ob");
    await assistant("switched-off", "gpt-oss-2ob", { enabled: false });

    const before = await readServing(master);
    expect(before.retrieval_only).toBe(false);
    expect(before.models.map((entry) => entry.model)).toEqual(["gpt-oss-120b", "gpt-oss-20b"]);
    expect(before.unreachable).toEqual([
      { id: "typo", name: "typo", model: "gpt-oss-2ob", reason: "No enabled backend serves 'gpt-oss-2ob'" },
    ]);

    await takeDown(small.id);
    const after = await readServing(master);
    expect(after.models.find((entry) => entry.model === "gpt-oss-20b")?.backends).toEqual([
      expect.objectContaining({
        name: "small",
        state: "down",
        reason: expect.stringMatching(/connection refused/) as string,
      }),
    ]);
    expect(after.unreachable.map((entry) => entry.id)).toEqual(["on-small", "typo"]);
    expect(after.unreachable[0]?.reason).toMatch(/^small is down \(.*connection refused/);
    expect(after.unreachable_total).toBe(2);
    const fallback = assistantServing({ model: "gpt-oss-20b", fallback_models: ["gpt-oss-120b"] }, after);
    expect(fallback.state).toBe("degraded");
    expect(fallback.reason).toMatch(/answering with the fallback 'gpt-oss-120b'$/);
    expect(fallback.backends.map((entry) => entry.name)).toEqual(["small", "large"]);
  });

  test("every console role may read it; a runtime key may not", async () => {
    for (const role of ["admin", "operator", "viewer"] as const) {
      await expect(readServing(await createUserActor(role))).resolves.toMatchObject({ unreachable_total: 0 });
    }
    await expect(readServing(keyActor("admin"))).resolves.toMatchObject({ retrieval_only: true });
    expect(await rejectionOf(readServing(keyActor("runtime")))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("assistantServing", () => {
  const at = "2026-12-07T00:00:00.000Z";
  const serving = (states: Record<string, "healthy" | "degraded" | "draining" | "down">): Serving => ({
    checked_at: at,
    retrieval_only: false,
    models: [
      {
        model: "m",
        backends: Object.entries(states).map(([name, state]) => ({
          id: name,
          name,
          state,
          reason: `${name} says so`,
          since: at,
        })),
      },
    ],
    unreachable: [],
    unreachable_total: 0,
  });
  const of = (states: Parameters<typeof serving>[0]) =>
    assistantServing({ model: "m", fallback_models: [] }, serving(states));

  test("healthy while any backend is healthy, naming those that serve", () => {
    expect(of({ a: "healthy", b: "down" })).toMatchObject({ state: "healthy", reason: "Served by a" });
  });

  test("degraded when only degraded backends take requests, with their reasons", () => {
    expect(of({ a: "degraded", b: "draining" })).toMatchObject({ state: "degraded", reason: "a: a says so" });
  });

  test("unreachable when every backend is draining or down", () => {
    expect(of({ a: "draining", b: "down" })).toMatchObject({
      state: "unreachable",
      reason: "a is draining (a says so); b is down (b says so)",
    });
  });
});
