// proxy.ts's matcher is a literal (Next reads it from the source when it builds); it must be the
// one the endpoint specs give, and mean what they say once Next has compiled it: the per-question
// and upload paths skip the proxy, every other path (API or page) runs it.
import * as pageStaticInfo from "next/dist/build/analysis/get-page-static-info";
import { describe, expect, test } from "vitest";
import { config } from "../../proxy";
import type { EndpointSpec } from "./endpoint";
import { servedEndpoints } from "./endpoints";
import { proxyMatcher, skipsProxy } from "./proxy-matcher";

const specs = servedEndpoints as EndpointSpec[];

/** How Next compiles a proxy's matchers when it builds (exported at run time, not in its types). */
const { getMiddlewareMatchers } = pageStaticInfo as unknown as {
  getMiddlewareMatchers: (matcher: string[], nextConfig: object) => { regexp: string }[];
};

/** Whether Next runs the proxy for a path, with the matcher as Next compiles it. */
function runsProxy(pathname: string): boolean {
  const [matcher] = getMiddlewareMatchers(config.matcher, {});
  return new RegExp(matcher!.regexp).test(pathname);
}

const samplePath = (spec: EndpointSpec) => spec.path.replace(/\{\w+\}/g, "some-id");

describe("proxy.ts's matcher", () => {
  test("is the one the endpoint specs give (update the literal when a spec's flags change)", () => {
    expect(config.matcher).toEqual([proxyMatcher(specs)]);
  });

  test("per-question endpoints and uploads skip the proxy, with every method of their paths", () => {
    const skipped = specs.filter(skipsProxy).map((spec) => `${spec.method.toUpperCase()} ${spec.path}`);
    expect(skipped.sort()).toEqual(
      [
        "POST /admin/assistants/auto",
        "POST /admin/assistants/auto/draft",
        "POST /assistants/{assistant_id}/ask",
        "POST /assistants/{assistant_id}/files",
        "POST /assistants/{assistant_id}/stream",
        "POST /embed/{assistant_id}/stream",
        "POST /v1/chat/completions",
        "POST /v1/responses",
      ].sort(),
    );
    const skippedPaths = new Set(specs.filter(skipsProxy).map((spec) => spec.path));
    for (const spec of specs) {
      expect(runsProxy(samplePath(spec)), spec.path).toBe(!skippedPaths.has(spec.path));
    }
  });

  test("pages and the rest of the API run it, Next's own files do not", () => {
    for (const pathname of [
      "/",
      "/console",
      "/console/assistants/support",
      "/embed/support",
      "/embed/support/session",
      "/assistants/support/files/file_1",
      "/assistants/support/streams",
      "/widget.js",
      "/openapi.json",
      "/api/trpc/assistants.list",
    ]) {
      expect(runsProxy(pathname), pathname).toBe(true);
    }
    for (const pathname of ["/_next/static/chunks/main.js", "/_next/image", "/favicon.ico"]) {
      expect(runsProxy(pathname), pathname).toBe(false);
    }
  });

  test("a path segment a matcher would read as a pattern is refused, not mis-derived", () => {
    const spec = { ...specs[0]!, path: "/files.json", perQuestion: true as const };
    expect(() => proxyMatcher([spec])).toThrow(/would need escaping/);
  });
});
