// Runs before every request: assigns the request id (or keeps a well-formed one from the caller)
// and returns it on the response, so logs and error reports can be matched to a request.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";

const HEADER = "x-request-id";
const WELL_FORMED = /^[\w.:-]{8,128}$/;

export function proxy(request: NextRequest) {
  const incoming = request.headers.get(HEADER);
  const requestId = incoming && WELL_FORMED.test(incoming) ? incoming : randomUUID();
  const headers = new Headers(request.headers);
  headers.set(HEADER, requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(HEADER, requestId);
  return response;
}

// Upload endpoints are left out: Next buffers a request body for the proxy (10 MB by default)
// and would cut larger uploads short. Their handlers assign the request id themselves.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|admin/assistants/auto$|assistants/[^/]+/files$).*)"],
};
