// Runs before every request but the per-question endpoints and uploads: assigns the request id
// (or keeps a well-formed one from the caller) and returns it on the response, so logs and error
// reports can be matched to a request. On the widget's iframe page it also sends the
// assistant's `frame-ancestors`, which a page cannot set itself: browsers then refuse to show the
// widget inside any site that is not allowed.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER, requestIdOf } from "./server/http/request-id";

const EMBED_PAGE = /^\/embed\/([^/]+)\/?$/;

export async function proxy(request: NextRequest) {
  const requestId = requestIdOf(request);
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  const embed = EMBED_PAGE.exec(request.nextUrl.pathname);
  if (embed?.[1]) {
    const { widgetFrameAncestors } = await import("./server/services/widget/open-widget");
    const ancestors = await Promise.resolve()
      .then(() => widgetFrameAncestors(decodeURIComponent(embed[1]!)))
      .catch(() => "'none'");
    response.headers.set("content-security-policy", `frame-ancestors ${ancestors}`);
  }
  return response;
}

// Skipped, their handlers assign the request id themselves (server/http), and answer the methods
// they do not serve (method-not-allowed.ts):
// - the per-question endpoints (ask, stream, the OpenAI facade, the widget's stream): the proxy
//   costs about 5 ms of CPU per request on a 2-core machine, added to each answer's first token;
// - uploads: Next buffers a request body for the proxy (10 MB by default) and would cut them short.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|admin/assistants/auto$|assistants/[^/]+/(?:files|ask|stream)$|v1/chat/completions$|embed/[^/]+/stream$).*)",
  ],
};
