// Every route file under app/ answers every method: the ones it serves with its handlers, any other
// with the JSON 405 (its code, an `Allow` header and a request id) and OPTIONS with what is allowed
// (method-not-allowed.ts), so no path falls back to Next's bare 405, which has no request id where
// proxy.ts is skipped. The methods allowed are the endpoint specs' of that path; a handler built by
// handle() serves its file's path under the method it is exported as.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test, vi } from "vitest";
import type { EndpointSpec } from "./endpoint";
import { servedEndpoints } from "./endpoints";
import { isAllowOnlyHandler } from "./method-not-allowed";

// Next resolves it to nothing on the server; a console route's module imports it.
vi.mock("server-only", () => ({}));

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Routes Next prerenders when it builds (`dynamic = "force-static"`): exporting other methods
 * would make Next run them on every request instead, so they keep Next's own 405.
 */
const PRERENDERED: Record<string, string> = {
  "/widget.js": "the widget's loader script, a static file for any site",
};

const appDir = fileURLToPath(new URL("../../app/", import.meta.url));

/** app/**\/route.ts, with the path each serves written as the specs write paths. */
const routes = readdirSync(appDir, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts")
  .map((file) => {
    const segments = path
      .dirname(file)
      .split(path.sep)
      .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment))
      .map((segment) =>
        segment.replace(/^\[(\.\.\.)?(\w+)\]$/, (_, dots: string = "", name: string) => `{${dots}${name}}`),
      );
    return { route: `/${segments.join("/")}`, file: path.join(appDir, file) };
  })
  .sort((a, b) => a.route.localeCompare(b.route));

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;
type RouteModule = Record<string, unknown> & { dynamic?: string };

const load = async (file: string) => (await import(/* @vite-ignore */ file)) as RouteModule;

const specsOf = (route: string) => (servedEndpoints as EndpointSpec[]).filter((spec) => spec.path === route);

function call(handler: unknown, route: string, method: string, headers: Record<string, string> = {}) {
  const url = `http://localhost${route.replace(/\{(?:\.\.\.)?(\w+)\}/g, "x")}`;
  const params = Object.fromEntries(
    [...route.matchAll(/\{(?:\.\.\.)?(\w+)\}/g)].map((match) => [match[1]!, "x"]),
  );
  return (handler as Handler)(new Request(url, { method, headers }), { params: Promise.resolve(params) });
}

const withHead = (methods: string[]) =>
  methods.flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]));

test("the app has routes of every kind (the scan found them)", () => {
  const found = routes.map(({ route }) => route);
  expect(found).toEqual(
    expect.arrayContaining([
      "/admin/assistants/auto",
      "/assistants/{assistant_id}/files",
      "/assistants/{assistant_id}/stream",
      "/embed/{assistant_id}/session",
      "/metrics",
      "/api/trpc/{trpc}",
      "/admin/{...path}",
    ]),
  );
});

/** The catch-alls under the API prefixes, which answer unknown paths (unknown-route.ts). */
const isUnknownPaths = (route: string) => route.endsWith("/{...path}");

describe.each(routes.filter(({ route }) => !isUnknownPaths(route) && !(route in PRERENDERED)))(
  "$route",
  ({ route, file }) => {
    test("exports every method and OPTIONS; the served ones serve this path", async () => {
      const routeModule = await load(file);
      const missing = [...METHODS, "OPTIONS"].filter((method) => typeof routeModule[method] !== "function");
      expect(missing, `${path.relative(appDir, file)}: add them with allowOnly()`).toEqual([]);
      expect(isAllowOnlyHandler(routeModule.OPTIONS)).toBe(true);
      const served = METHODS.filter((method) => !isAllowOnlyHandler(routeModule[method]));
      expect(served.length).toBeGreaterThan(0);
      for (const method of served) {
        const spec = (routeModule[method] as { spec?: EndpointSpec }).spec;
        if (spec) expect(`${spec.method.toUpperCase()} ${spec.path}`).toBe(`${method} ${route}`);
      }
      const specified = specsOf(route).map((spec) => spec.method.toUpperCase());
      if (specified.length > 0) expect([...served].sort()).toEqual(specified.sort());
    });

    test("other methods: the JSON 405 with Allow and a request id; OPTIONS: what is allowed", async () => {
      const routeModule = await load(file);
      const served = METHODS.filter((method) => !isAllowOnlyHandler(routeModule[method]));
      const refused = METHODS.filter((method) => !served.includes(method));
      for (const method of refused) {
        const response = await call(routeModule[method], route, method, { "x-request-id": "req-405-check" });
        expect(response.status, method).toBe(405);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect(response.headers.get("x-request-id")).toBe("req-405-check");
        expect(response.headers.get("allow")).toBe(withHead(served).join(", "));
        expect(await response.json()).toEqual({
          error: {
            code: "METHOD_NOT_ALLOWED",
            message: `${method} is not allowed here; use ${served.join(" or ")}`,
          },
        });
        // Without one from the caller (a route proxy.ts skips), a fresh id.
        const fresh = await call(routeModule[method], route, method);
        expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      }
      const options = await call(routeModule.OPTIONS, route, "OPTIONS");
      expect(options.status).toBe(204);
      expect(options.headers.get("allow")).toBe([...withHead(served), "OPTIONS"].sort().join(", "));
      expect(options.headers.get("x-request-id")).toBeTruthy();
    });
  },
);

describe("routes that answer every method themselves, or keep Next's", () => {
  test.each(routes.filter(({ route }) => isUnknownPaths(route)))(
    "$route: unknown paths get the JSON 404 with a request id",
    async ({ route, file }) => {
      const routeModule = await load(file);
      for (const method of METHODS) {
        const response = await call(routeModule[method], route, method);
        expect(response.status, method).toBe(404);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
        expect(response.headers.get("x-request-id")).toBeTruthy();
      }
    },
  );

  test.each(Object.keys(PRERENDERED))("%s is prerendered and serves GET alone", async (route) => {
    const found = routes.find((candidate) => candidate.route === route);
    expect(found, `${route} is listed in PRERENDERED but no route serves it`).toBeDefined();
    const routeModule = await load(found!.file);
    expect(routeModule.dynamic).toBe("force-static");
    expect([...METHODS, "OPTIONS"].filter((method) => method in routeModule)).toEqual(["GET"]);
  });
});
