// The widget token: what the iframe page hands its own script so that the embed endpoints know
// which assistant, which embedding site and which widget session a request belongs to. Signed with
// a key derived from the server secret (HMAC-SHA256), so a browser can hold it but not alter it;
// short-lived, so a token copied out of a page stops working soon. The endpoints still re-check
// the origin against the assistant's settings on every request (see authenticate-widget.ts).
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "../../env";
import { AppError } from "../../errors";

const PREFIX = "hwt1";
export const WIDGET_TOKEN_TTL_MS = 60 * 60_000;

export interface WidgetTokenClaims {
  assistantId: string;
  origin: string;
  widgetSessionId: string;
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
}

function signingKey(): Buffer {
  if (!env.HEARTH_AUTH_SECRET) throw new AppError("UNAVAILABLE", "HEARTH_AUTH_SECRET is not set");
  return createHash("sha256").update(`hearth:widget-token:${env.HEARTH_AUTH_SECRET}`).digest();
}

const sign = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest();

export function newWidgetSessionId(): string {
  return `ws_${randomBytes(18).toString("base64url")}`;
}

export function signWidgetToken(claims: WidgetTokenClaims): string {
  const payload = Buffer.from(
    JSON.stringify({
      a: claims.assistantId,
      o: claims.origin,
      s: claims.widgetSessionId,
      e: claims.expiresAt,
    }),
  ).toString("base64url");
  return `${PREFIX}.${payload}.${sign(payload).toString("base64url")}`;
}

const invalid = () => new AppError("UNAUTHORIZED", "Invalid widget token; reload the page");

function parseClaims(payload: string): WidgetTokenClaims {
  try {
    const raw = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    if (
      typeof raw.a === "string" &&
      typeof raw.o === "string" &&
      typeof raw.s === "string" &&
      typeof raw.e === "number"
    ) {
      return { assistantId: raw.a, origin: raw.o, widgetSessionId: raw.s, expiresAt: raw.e };
    }
  } catch {
    // falls through: a signed payload that does not parse is still not a token of ours
  }
  throw invalid();
}

/**
 * The claims of a token whose signature is ours. Expired tokens are refused unless `acceptExpiredFor`
 * (ms) allows them: a page resuming an earlier conversation presents the token it kept.
 */
export function verifyWidgetToken(
  token: string,
  options: { now?: number; acceptExpiredFor?: number } = {},
): WidgetTokenClaims {
  const [prefix, payload, signature, ...rest] = token.split(".");
  if (prefix !== PREFIX || !payload || !signature || rest.length > 0) throw invalid();
  const expected = sign(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const claims = parseClaims(payload);
  const now = options.now ?? Date.now();
  if (claims.expiresAt + (options.acceptExpiredFor ?? 0) <= now) {
    throw new AppError("UNAUTHORIZED", "The widget token has expired; reload the page");
  }
  return claims;
}
