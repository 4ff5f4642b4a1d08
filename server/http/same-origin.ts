// The one rule for requests that carry a console session, used by the REST handlers and tRPC
// alike. The browser attaches the session cookie to requests that another site's page makes (a
// form post, an image, a no-CORS fetch); SameSite=Lax keeps it off most cross-site ones, and this
// refuses the rest, including those from a sibling subdomain (same site, another origin). Requests
// authenticated by a bearer key are not concerned: no browser sends one on its own.
import { env } from "../env";
import { AppError } from "../errors";
import type { Actor } from "../services/access/actor";
import { requestHostOf } from "./client-address";

/** The host this request was addressed to, as the browser saw it (through a trusted proxy: X-Forwarded-Host). */
function requestHost(request: Request): string {
  return requestHostOf(request.headers) || new URL(request.url).host;
}

/**
 * Whether a browser made this request for a page of another origin: its Origin is neither
 * HEARTH_PUBLIC_URL's nor on the host the request was sent to (or it is "null", from a sandboxed
 * page, or garbage), or, when it has no Origin (a plain GET), Sec-Fetch-Site says it came from
 * another site or origin. Without either header (a non-browser client, an address typed in) it
 * is not cross-origin.
 */
export function isCrossOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site");
    return site === "cross-site" || site === "same-site";
  }
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return true;
  }
  // The public URL counts even when a proxy passes another Host and no X-Forwarded-Host.
  return url.origin !== new URL(env.publicUrl).origin && url.host !== requestHost(request);
}

/** Refuses (403) a cross-origin request whose caller is a console user, whatever its method. */
export function assertSameOriginForCookies(actor: Actor, request: Request): void {
  if (actor.kind === "user" && isCrossOrigin(request)) {
    throw new AppError("FORBIDDEN", "Cross-origin requests with a console session are refused");
  }
}
