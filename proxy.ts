// Runs before every request: assigns the request id (or keeps a well-formed one from the caller)
// and returns it on the response, so logs and error reports can be matched to a request. On the
// widget's iframe page it also sends the assistant's `frame-ancestors`, which a page cannot set
// itself: browsers then refuse to show the widget inside any site that is not allowed.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";

const HEADER = "x-request-id";
const WELL_FORMED = /^[\w.:-]{8,128}$/;
const EMBED_PAGE = /^\/embed\/([^/]+)\/?$/;

export async function proxy(request: NextRequest) {
  const incoming = request.headers.get(HEADER);
  const requestId = incoming && WELL_FORMED.test(incoming) ? incoming : randomUUID();
  const headers = new Headers(request.headers);
  headers.set(HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(HEADER, requestId);
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

// Upload endpoints are left out: Next buffers a request body for the proxy (10 MB by default)
// and would cut larger uploads short. Their handlers assign the request id themselves.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|admin/assistants/auto$|assistants/[^/]+/files$).*)"],
};
