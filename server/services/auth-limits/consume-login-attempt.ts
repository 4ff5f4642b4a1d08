// A per-account limit on sign-in attempts, beside better-auth's per-IP one: the client IP comes
// from X-Forwarded-For, which a client talking to Hearth directly can forge, so brute force on
// one account is bounded by the email it targets as well. Counted in the database (one atomic
// statement), so every replica shares the count.
import { randomUUID } from "node:crypto";
import { getDb } from "../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";

const WINDOW_MS = 60_000;

export async function consumeLoginAttempt(email: string): Promise<void> {
  const key = `login-email:${email.trim().toLowerCase()}`;
  const now = Date.now();
  const windowStart = now - WINDOW_MS;
  const [row] = await getDb().$queryRaw<{ count: number; started: bigint }[]>`
    INSERT INTO "AuthRateLimit" (id, key, count, "lastRequest")
    VALUES (${randomUUID()}, ${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "AuthRateLimit"."lastRequest" < ${windowStart} THEN 1 ELSE "AuthRateLimit".count + 1 END,
      "lastRequest" = CASE WHEN "AuthRateLimit"."lastRequest" < ${windowStart} THEN ${now} ELSE "AuthRateLimit"."lastRequest" END
    RETURNING count, "lastRequest" AS started`;
  if (row && row.count > env.HEARTH_LOGIN_RATE_LIMIT) {
    const retryAfter = Math.max(1, Math.ceil((Number(row.started) + WINDOW_MS - now) / 1000));
    throw new AppError(
      "RATE_LIMITED",
      "Too many sign-in attempts for this account; wait a minute",
      undefined,
      {
        "retry-after": String(retryAfter),
      },
    );
  }
}
