// GET /admin/health and the health in /admin/backends, through the route handlers, against a real
// simulator: everything ok; a backend that stops answering makes it degraded, named, with its
// state; draining shows; only admins may look.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as backendRoute from "@/app/admin/backends/[backend_id]/route";
import * as backendsRoute from "@/app/admin/backends/route";
import * as adminHealthRoute from "@/app/admin/health/route";
import { adminHealthSchema } from "@/server/schemas/system";
import { backendListSchema } from "@/server/schemas/backend";
import { probeAllBackends, replaceGateway } from "@/server/services/gateway/gateway-instance";
import { startSimulator, type SimulatorHandle } from "@/server/simulator/start-simulator";
import { bearer, createKeyActor } from "@/server/test/actors";
import { FAST_SIMULATOR, registerSimulatorBackend } from "@/server/test/chat";
import { callRoute } from "@/server/test/rest";

let simulator: SimulatorHandle;
let admin: Record<string, string>;

beforeAll(async () => {
  simulator = await startSimulator(FAST_SIMULATOR);
});
afterAll(async () => {
  await simulator.stop();
});
beforeEach(async () => {
  admin = bearer((await createKeyActor("admin")).secret);
  simulator.clearFaults();
  replaceGateway();
});

const health = async (headers = admin) => callRoute(adminHealthRoute.GET, { path: "/admin/health", headers });

describe("/admin/health", () => {
  test("everything answers: ok, with the database, LanceDB, storage and the backend's own health", async () => {
    await registerSimulatorBackend(simulator, { name: "sim" });
    const response = await health();
    expect(response.status).toBe(200);
    const body = adminHealthSchema.strict().parse(response.json);
    expect(body.status).toBe("ok");
    expect(body.database.status).toBe("ok");
    expect(body.lancedb.status).toBe("ok");
    expect(body.storage.status).toBe("ok");
    expect(body.storage.free_bytes).toBeGreaterThan(0);
    expect(body.backends).toHaveLength(1);
    expect(body.backends[0]).toMatchObject({ name: "sim", state: "healthy", check: { status: "ok" } });
    expect(body.backends[0]?.check.load?.running).toBe(0);
    expect(body.models).toEqual([{ model: "gpt-oss-20b", status: "ok", healthy_backends: 1, backends: 1 }]);
  });

  test("a backend whose /health fails: degraded, then down after three failures, and named", async () => {
    const backend = await registerSimulatorBackend(simulator, { name: "flaky" });
    simulator.setFaults({ healthDown: true });
    const first = adminHealthSchema.parse((await health()).json);
    expect(first.status).toBe("degraded");
    expect(first.backends[0]).toMatchObject({
      state: "degraded",
      check: { status: "unavailable", error: "/health answered 503" },
    });
    await probeAllBackends();
    await probeAllBackends();
    const down = adminHealthSchema.parse((await health()).json);
    expect(down.backends[0]?.state).toBe("down");
    expect(down.models[0]).toMatchObject({ status: "unavailable", healthy_backends: 0 });

    const listed = backendListSchema.parse(
      (await callRoute(backendsRoute.GET, { path: "/admin/backends", headers: admin })).json,
    );
    expect(listed.data[0]?.health?.state).toBe("down");
    expect(listed.data[0]?.health?.reason).toContain("/health answered 503");
    expect(listed.data[0]?.health?.consecutive_failures).toBeGreaterThanOrEqual(3);
    expect(listed.data[0]?.id).toBe(backend.id);
  });

  test("draining is set through the admin API and shows as the backend's state", async () => {
    const backend = await registerSimulatorBackend(simulator, { name: "retiring" });
    const updated = await callRoute(backendRoute.POST, {
      path: `/admin/backends/${backend.id}`,
      params: { backend_id: backend.id },
      headers: admin,
      body: { draining: true },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ draining: true, health: { state: "draining" } });
  });

  test("only admins: no key is 401, a runtime key 403", async () => {
    expect((await health({})).status).toBe(401);
    const runtime = bearer((await createKeyActor("runtime")).secret);
    expect((await health(runtime)).status).toBe(403);
  });
});
