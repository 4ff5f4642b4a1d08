// Fixed-window rate limits counted in the database with one atomic statement, so that every
// replica shares the count (the same approach as the sign-in limit in auth-limits/). A row per
// scope and key is reset when its window has passed.
import { getDb } from "../../db/client";
import { AppError } from "../../errors";

const WINDOW_MS = 60_000;

export interface RateLimit {
  scope: string;
  key: string;
  /** Requests allowed per minute. */
  limit: number;
  message: string;
}

export async function consumeRateLimit(rule: RateLimit, now = Date.now()): Promise<void> {
  const windowStart = now - WINDOW_MS;
  const [row] = await getDb().$queryRaw<{ count: number; started: bigint }[]>`
    INSERT INTO "RateLimitCounter" (scope, key, count, "windowStart")
    VALUES (${rule.scope}, ${rule.key}, 1, ${now})
    ON CONFLICT (scope, key) DO UPDATE SET
      count = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowStart} THEN 1 ELSE "RateLimitCounter".count + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowStart} THEN ${now} ELSE "RateLimitCounter"."windowStart" END
    RETURNING count, "windowStart" AS started`;
  if (row && row.count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((Number(row.started) + WINDOW_MS - now) / 1000));
    throw new AppError("RATE_LIMITED", rule.message, undefined, { "retry-after": String(retryAfter) });
  }
}
