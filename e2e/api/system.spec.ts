// Public system endpoints (health, version, the OpenAPI document) and the request-id contract.
import { readFileSync } from "node:fs";
import { expect, expectApiError, test } from "../fixtures";

const packageVersion = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

test.describe("GET /health", () => {
  test("readiness: 200 with the database checked", async ({ request }) => {
    const response = await request.get("/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["x-request-id"]).toBeTruthy();
    const body = (await response.json()) as {
      status: string;
      checks: { database?: { status: string; latency_ms: number } };
      uptime_s: number;
    };
    expect(body.status).toBe("ok");
    expect(body.checks.database?.status).toBe("ok");
    expect(body.checks.database?.latency_ms).toBeGreaterThanOrEqual(0);
    expect(body.uptime_s).toBeGreaterThanOrEqual(0);
    // Public: no configuration (URLs, paths, versions) leaks.
    expect(JSON.stringify(body)).not.toMatch(/postgres|127\.0\.0\.1|\/tmp|pglite/i);
  });

  test("?probe=ready is the default; ?probe=live checks nothing else", async ({ request }) => {
    const ready = (await (await request.get("/health?probe=ready")).json()) as { checks: object };
    expect(ready.checks).toHaveProperty("database");
    const live = await request.get("/health?probe=live");
    expect(live.status()).toBe(200);
    expect(await live.json()).toMatchObject({ status: "ok", checks: {} });
  });

  test("400 INVALID_INPUT for an unknown probe or parameter", async ({ request }) => {
    await expectApiError(await request.get("/health?probe=deep"), 400, "INVALID_INPUT");
    await expectApiError(await request.get("/health?verbose=1"), 400, "INVALID_INPUT");
  });

  test("needs no credentials and ignores any sent (401 is not a documented answer)", async ({ request }) => {
    expect((await request.get("/health")).status()).toBe(200);
    for (const authorization of ["Bearer hth_bogus", "Basic Zm9vOmJhcg=="]) {
      expect((await request.get("/health", { headers: { authorization } })).status()).toBe(200);
      expect((await request.get("/version", { headers: { authorization } })).status()).toBe(200);
    }
  });
});

test.describe("GET /version", () => {
  test("names the build", async ({ request }) => {
    const response = await request.get("/version");
    expect(response.status()).toBe(200);
    expect(response.headers()["x-request-id"]).toBeTruthy();
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["build_time", "commit", "name", "node", "version"]);
    expect(body.name).toBe("hearth");
    expect(body.version).toBe(packageVersion);
    expect(body.node).toMatch(/^v\d+\.\d+\.\d+/);
    if (body.commit !== null) expect(body.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(body.build_time).not.toBeNull();
    expect(Number.isNaN(Date.parse(String(body.build_time)))).toBe(false);
  });
});

test.describe("x-request-id", () => {
  test("is on every kind of response: success, client error, not found, static documents", async ({
    request,
    api,
  }) => {
    for (const response of [
      await request.get("/health"),
      await request.get("/version"),
      await request.get("/openapi.json"),
      await request.get("/admin/assistants"),
      await api.get("/admin/assistants?limit=0"),
      await api.get("/admin/assistants/no-such-assistant"),
    ]) {
      expect(response.headers()["x-request-id"], response.url()).toMatch(/^[\w.:-]{8,128}$/);
    }
  });

  test("a well-formed incoming id is echoed; a malformed one is replaced", async ({ request }) => {
    const mine = "e2e-trace-0123456789";
    const echoed = await request.get("/health?probe=live", { headers: { "x-request-id": mine } });
    expect(echoed.headers()["x-request-id"]).toBe(mine);
    const error = await request.get("/admin/assistants", { headers: { "x-request-id": mine } });
    expect(error.status()).toBe(401);
    expect(error.headers()["x-request-id"]).toBe(mine);

    const replaced = await request.get("/health?probe=live", {
      headers: { "x-request-id": "bad id <script>" },
    });
    expect(replaced.headers()["x-request-id"]).not.toBe("bad id <script>");
    expect(replaced.headers()["x-request-id"]).toMatch(/^[\w.:-]{8,128}$/);
  });

  test("each request gets its own id", async ({ request }) => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await request.get("/health?probe=live")).headers()["x-request-id"]!);
    expect(ids.size).toBe(5);
  });
});
