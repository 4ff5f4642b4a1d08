// The published contract against what the server really serves. Three lists of operations must
// agree: the OpenAPI document (/openapi.json), the endpoint specs it is generated from
// (server/http/endpoints), and the route handlers under app/. Then every documented operation is
// called and must answer (no 404/405), with a documented status and an x-request-id.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { allEndpoints } from "../../server/http/endpoints";
import { expect, newUniqueId, test } from "../fixtures";
import { adminOperations, sampleBackend, type Existing } from "../support/admin-operations";

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
  requestBody?: unknown;
  operationId?: string;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas?: Record<string, unknown> };
}

const METHODS = ["get", "post", "put", "patch", "delete"];
// Route handlers that are not part of the REST API: auth, tRPC, the document itself, console
// assets, and the catch-alls that answer unknown API paths with a JSON 404.
const NOT_REST = [
  /^\/api\/auth\//,
  /^\/api\/trpc\//,
  /^\/openapi\.json$/,
  /^\/console\//,
  /\[\.\.\.path\]$/,
  // The widget: its loader script and the iframe's own endpoints (widget token, not API keys); the
  // loader's status check is documented.
  /^\/widget\.js$/,
  /^\/embed\/(?!\{assistant_id\}\/status$)/,
];

function documentedOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths)
    .flatMap(([route, item]) =>
      Object.keys(item)
        .filter((method) => METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${route}`),
    )
    .sort();
}

/** "METHOD /path/{param}" for every method exported by an app/**\/route.ts file. */
function routeHandlerOperations(appDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const name = entry.name;
        if (name.startsWith("_") || name.startsWith("@")) continue; // private folders, slots
        const segment = /^\(.*\)$/.test(name) ? null : name.replace(/^\[(?!\.\.\.)(.+)\]$/, "{$1}");
        walk(path.join(dir, name), segment === null ? segments : [...segments, segment]);
      } else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const route = `/${segments.join("/")}`;
        if (NOT_REST.some((pattern) => pattern.test(route))) continue;
        const source = readFileSync(path.join(dir, entry.name), "utf8");
        const methods = new Set<string>();
        for (const match of source.matchAll(
          /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b|\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
        )) {
          methods.add((match[1] ?? match[2])!);
        }
        for (const method of methods) found.push(`${method} ${route}`);
      }
    }
  };
  walk(appDir, []);
  return found.sort();
}

let doc: OpenApiDocument;

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  const response = await request.get("/openapi.json");
  expect(response.status()).toBe(200);
  doc = (await response.json()) as OpenApiDocument;
  await request.dispose();
});

test("the document is OpenAPI 3.1 with bearer auth and named schemas", async ({ request }) => {
  const response = await request.get("/openapi.json");
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["x-request-id"]).toBeTruthy();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.info.title).toBe("Hearth API");
  const version = (await (await request.get("/version")).json()) as { version: string };
  expect(doc.info.version).toBe(version.version);
  expect(doc.components.securitySchemes).toHaveProperty("bearerAuth");
  for (const name of [
    "Assistant",
    "AssistantList",
    "ApiKey",
    "CreatedApiKey",
    "Error",
    "Health",
    "Version",
  ]) {
    expect(doc.components.schemas, `components.schemas.${name}`).toHaveProperty(name);
  }
  const operationIds = Object.values(doc.paths).flatMap((item) =>
    Object.values(item).map((operation) => operation.operationId),
  );
  expect(new Set(operationIds).size, "operationIds are unique").toBe(operationIds.length);
});

test("the document lists exactly the operations of the endpoint specs", () => {
  const specified = allEndpoints.map((spec) => `${spec.method.toUpperCase()} ${spec.path}`).sort();
  expect(documentedOperations(doc)).toEqual(specified);
});

test("every REST route handler is documented, and every documented operation has a handler", () => {
  const handlers = routeHandlerOperations(path.join(process.cwd(), "app"));
  expect(handlers.length).toBeGreaterThan(0);
  expect(handlers).toEqual(documentedOperations(doc));
});

test("the auth specs cover every admin operation", () => {
  const admin = documentedOperations(doc).filter((operation) =>
    operation.split(" ")[1]!.startsWith("/admin/"),
  );
  expect(Object.keys(adminOperations).sort()).toEqual(admin);
});

test("every operation documents its errors: 401/403 when authenticated, 400/413/415 with a body, 500", () => {
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${route}`;
      const statuses = Object.keys(operation.responses);
      expect(statuses, where).toContain("500");
      expect(
        statuses.some((status) => status.startsWith("2")),
        where,
      ).toBe(true);
      if (route.startsWith("/admin/")) {
        expect(operation.security, where).toEqual([{ bearerAuth: [] }]);
        expect(statuses, where).toEqual(expect.arrayContaining(["401", "403"]));
      }
      if (operation.requestBody)
        expect(statuses, where).toEqual(expect.arrayContaining(["400", "413", "415"]));
    }
  }
});

test("every documented operation answers with a documented status and an x-request-id", async ({
  api,
  request,
}) => {
  const missing: string[] = [];
  for (const operation of documentedOperations(doc)) {
    const [method, route] = operation.split(" ") as [string, string];
    // Fresh resources per call, so that DELETE or disable cannot affect the next operation.
    const assistantId = newUniqueId("contract");
    expect((await api.post("/admin/assistants", { data: { id: assistantId } })).status()).toBe(201);
    const key = (await (
      await api.post("/admin/api-keys", { data: { name: newUniqueId("contract"), scope: "runtime" } })
    ).json()) as { id: string };
    const backend = (await (
      await api.post("/admin/backends", { data: sampleBackend(newUniqueId("contract")) })
    ).json()) as { id: string };
    const existing: Existing = { assistantId, keyId: key.id, backendId: backend.id };

    // Admin operations get a well-formed request with the master key, and must succeed; the
    // others (public and runtime) get a bare request, and must answer rather than be missing.
    const send = adminOperations[operation];
    const response = send
      ? await send(api, {}, existing)
      : await request.fetch(route.replace("{assistant_id}", assistantId).replace(/\{\w+\}/g, "x"), {
          method,
        });
    const status = response.status();
    expect([404, 405], `${operation} answered ${status}: ${await response.text()}`).not.toContain(status);
    expect(status, `${operation} answered ${status}`).toBeLessThan(500);
    if (send) expect(status, `${operation} answered ${status}`).toBeLessThan(400);
    expect(response.headers()["x-request-id"], operation).toBeTruthy();
    const responses = doc.paths[route]![method.toLowerCase()]!.responses;
    // The documented content type of that status (JSON for errors; /metrics answers text).
    const contentTypes = Object.keys(responses[String(status)]?.content ?? { "application/json": {} });
    expect(
      contentTypes.map((type) => type.split(";")[0]),
      operation,
    ).toContain(response.headers()["content-type"]!.split(";")[0]);
    const documented = Object.keys(responses);
    if (!documented.includes(String(status)))
      missing.push(`${operation}: ${status} not in ${documented.join(",")}`);
  }
  expect(missing).toEqual([]);
});

test("methods outside the document answer the JSON 405 with Allow, unknown admin paths 404", async ({
  api,
}) => {
  for (const [method, route, allow] of [
    ["PUT", "/admin/assistants", "GET, HEAD, POST"],
    ["PATCH", "/admin/assistants/some-id", "GET, HEAD, POST, DELETE"],
    ["GET", "/admin/api-keys/key_x", "POST, DELETE"],
    ["DELETE", "/health", "GET, HEAD"],
    ["POST", "/assistants/some-id/files/file_x/chunks", "GET, HEAD"],
    // The per-question endpoints and the uploads, which skip proxy.ts.
    ["GET", "/assistants/some-id/stream", "POST"],
    ["PUT", "/assistants/some-id/ask", "POST"],
    ["GET", "/v1/chat/completions", "POST"],
    ["GET", "/embed/some-id/stream", "POST"],
    ["PUT", "/assistants/some-id/files", "GET, HEAD, POST"],
    ["GET", "/admin/assistants/auto", "POST"],
    // Text and file answers, the widget's session, the document itself.
    ["POST", "/metrics", "GET, HEAD"],
    ["DELETE", "/admin/audit/export", "GET, HEAD"],
    ["PATCH", "/embed/some-id/session", "POST"],
    ["POST", "/openapi.json", "GET, HEAD"],
  ] as const) {
    const where = `${method} ${route}`;
    const response = await api.fetch(route, { method });
    expect(response.status(), where).toBe(405);
    expect(response.headers()["x-request-id"], where).toBeTruthy();
    expect(response.headers()["allow"], where).toBe(allow);
    expect(response.headers()["content-type"], where).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code, where).toBe("METHOD_NOT_ALLOWED");
  }
  const unknown = await api.get("/admin/does-not-exist");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["x-request-id"]).toBeTruthy();
});
