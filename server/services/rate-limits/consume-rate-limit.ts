// Fixed-window rate limits counted in the database with one atomic statement, so that every
// replica shares the count: sign-in attempts, widget messages, widget tokens. A row per scope and
// key is reset when its window has passed. The key is whatever the limit is per (an address, an
// account, a widget session); callers build it.
import { getDb } from "../../db/client";
import { AppError } from "../../errors";

export interface RateLimit {
  scope: string;
  key: string;
  /** Requests allowed per window. */
  limit: number;
  /** The window's length; a minute unless given. */
  windowMs?: number;
  message: string;
}

const MINUTE_MS = 60_000;

/** Counts one request; throws RATE_LIMITED (with Retry-After) when the window's limit is passed. */
export async function consumeRateLimit(rule: RateLimit, now = Date.now()): Promise<void> {
  const windowMs = rule.windowMs ?? MINUTE_MS;
  const windowStart = now - windowMs;
  const [row] = await getDb().$queryRaw<{ count: number; started: bigint }[]>`
    INSERT INTO "RateLimitCounter" (scope, key, count, "windowStart")
    VALUES (${rule.scope}, ${rule.key}, 1, ${now})
    ON CONFLICT (scope, key) DO UPDATE SET
      count = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowStart} THEN 1 ELSE "RateLimitCounter".count + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowStart} THEN ${now} ELSE "RateLimitCounter"."windowStart" END
    RETURNING count, "windowStart" AS started`;
  if (row && row.count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((Number(row.started) + windowMs - now) / 1000));
    throw new AppError("RATE_LIMITED", rule.message, {
      details: { limit: rule.scope },
      rateLimit: { retryAfterSeconds: retryAfter },
    });
  }
}

/** Forgets a key's count (a sign-in that succeeded clears its failures). */
export async function resetRateLimit(scope: string, key: string): Promise<void> {
  await getDb().$executeRaw`DELETE FROM "RateLimitCounter" WHERE scope = ${scope} AND key = ${key}`;
}

/** Remembers that something happened for a key, for `happenedSince` (e.g. a known sign-in address). */
export async function rememberKey(scope: string, key: string, now = Date.now()): Promise<void> {
  await getDb().$executeRaw`
    INSERT INTO "RateLimitCounter" (scope, key, count, "windowStart") VALUES (${scope}, ${key}, 1, ${now})
    ON CONFLICT (scope, key) DO UPDATE SET count = 1, "windowStart" = ${now}`;
}

export async function happenedSince(scope: string, key: string, since: number): Promise<boolean> {
  const rows = await getDb().$queryRaw<{ found: number }[]>`
    SELECT 1 AS found FROM "RateLimitCounter"
    WHERE scope = ${scope} AND key = ${key} AND "windowStart" >= ${since}`;
  return rows.length > 0;
}
