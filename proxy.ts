// Runs before every request but the per-question endpoints and uploads: assigns the request id
// (or keeps a well-formed one from the caller) and returns it on the response, so logs and error
// reports can be matched to a request. It also sets the pages' security headers
// (server/http/security-headers.ts): a Content-Security-Policy whose script nonce is fresh for
// each request, passed on in the request so that Next marks its own scripts with it and the root
// layout its inline theme script, and HSTS when the deployment is on HTTPS. On the widget's
// iframe page the policy's `frame-ancestors` are the assistant's allowed sites, which a page
// cannot set itself: browsers then refuse to show the widget inside any other site (its console
// preview, Hearth's own pages only).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "./server/env";
import { REQUEST_ID_HEADER, requestIdOf } from "./server/http/request-id";
import { NONCE_HEADER, newNonce, proxySecurityHeaders } from "./server/http/security-headers";

const EMBED_PAGE = /^\/embed\/([^/]+)\/?$/;
const EMBED_PREVIEW = /^\/embed\/[^/]+\/preview\/?$/;

async function frameAncestorsOf(pathname: string): Promise<string> {
  // The console's preview of a widget (embed/[assistant_id]/preview): only Hearth's own pages may
  // frame it, whatever the widget's allowed sites; it shows the look and cannot open a conversation.
  if (EMBED_PREVIEW.test(pathname)) return "'self'";
  const embed = EMBED_PAGE.exec(pathname);
  if (!embed?.[1]) return "'none'";
  const { widgetFrameAncestors } = await import("./server/services/widget/open-widget");
  return Promise.resolve()
    .then(() => widgetFrameAncestors(decodeURIComponent(embed[1]!)))
    .catch(() => "'none'");
}

export async function proxy(request: NextRequest) {
  const requestId = requestIdOf(request);
  const nonce = newNonce();
  const security = proxySecurityHeaders({
    nonce,
    frameAncestors: await frameAncestorsOf(request.nextUrl.pathname),
    development: env.NODE_ENV === "development",
    secureCookies: env.secureCookies,
  });
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set(NONCE_HEADER, nonce);
  headers.set("content-security-policy", security["content-security-policy"]);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("content-security-policy", security["content-security-policy"]);
  const hsts = security["strict-transport-security"];
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

// Skipped: the per-question endpoints (the proxy's ~5 ms would be added to each first token) and
// uploads (Next would buffer their bodies for it). The list is derived from the endpoint specs
// (server/http/proxy-matcher.ts); Next reads this literal when it builds, so it is written out
// here, and server/http/proxy-matcher.test.ts fails when it differs from the derived one.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|admin/assistants/auto$|admin/assistants/auto/draft$|v1/chat/completions$|v1/responses$|assistants/[^/]+/ask$|assistants/[^/]+/stream$|assistants/[^/]+/files$|embed/[^/]+/stream$).*)",
  ],
};
