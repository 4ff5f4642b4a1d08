import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";
const WELL_FORMED = /^[\w.:-]{8,128}$/;

/** The caller's well-formed request id (or the one proxy.ts assigned to a page), else a fresh one. */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}
