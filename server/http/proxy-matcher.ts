// Which paths proxy.ts runs on, derived from the endpoint specs. Two kinds of endpoint skip it:
// those that ask the model a question (`perQuestion`), because the proxy costs about 5 ms of CPU
// per request on 2 cores, added to every first token; and uploads (`multipart`), because Next
// buffers a request's body for the proxy (10 MB by default) and would cut them short. A matcher
// sees paths, not methods, so the other methods of such a path skip it too. Routes that skip it
// take their request id themselves (handle.ts) and answer other methods themselves
// (method-not-allowed.ts); their security headers are next.config.ts's alone.
//
// Next reads `config.matcher` from proxy.ts's source when it builds, so it must be a literal there
// (an import or a call would not be read), and a broad matcher that let proxy() return early would
// still cost the proxy's run and the body buffering. So the literal stays, and
// proxy-matcher.test.ts fails whenever it differs from proxyMatcher(servedEndpoints).
import type { EndpointSpec } from "./endpoint";

/** Next's own files, never worth a proxy run. */
const ALWAYS_SKIPPED = ["_next/static", "_next/image", "favicon.ico"];

export const skipsProxy = (spec: EndpointSpec): boolean =>
  spec.perQuestion === true || spec.multipart !== undefined;

/** `/assistants/{assistant_id}/ask` as `assistants/[^/]+/ask$` (inside the matcher's lookahead). */
function pathPattern(apiPath: string): string {
  const segments = apiPath
    .slice(1)
    .split("/")
    .map((segment) => {
      if (/^\{\w+\}$/.test(segment)) return "[^/]+";
      if (!/^[\w-]+$/.test(segment))
        throw new Error(`${apiPath}: '${segment}' would need escaping in a matcher`);
      return segment;
    });
  return `${segments.join("/")}$`;
}

/** The matcher proxy.ts must carry: every path but Next's files and the skipping endpoints'. */
export function proxyMatcher(specs: readonly EndpointSpec[]): string {
  const skipped = new Set(specs.filter(skipsProxy).map((spec) => pathPattern(spec.path)));
  return `/((?!${[...ALWAYS_SKIPPED, ...skipped].join("|")}).*)`;
}
