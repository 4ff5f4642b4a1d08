import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";
const WELL_FORMED = /^[\w.:-]{8,128}$/;

/**
 * The id proxy.ts assigned to this request; on routes the proxy skips (the per-question endpoints,
 * uploads), a well-formed id from the caller, or a fresh one.
 */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}
