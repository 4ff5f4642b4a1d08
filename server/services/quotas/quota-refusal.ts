import { AppError } from "../../errors";
import type { QuotaName } from "../../schemas/quotas";
import { subjectLabel, type QuotaSubject } from "./quota-subject";

/**
 * A question refused by a quota: 429 RATE_LIMITED naming the quota, its limit and use, with
 * `Retry-After` and `RateLimit-*` headers (null `resetSeconds`: when a stream ends, unknown).
 */
export function quotaRefusal(
  subject: QuotaSubject,
  quota: QuotaName,
  limit: number,
  used: number,
  retryAfterSeconds: number,
  resetSeconds: number | null,
): AppError {
  const what = quota.replaceAll("_", " ");
  return new AppError(
    "RATE_LIMITED",
    `Quota exceeded: ${what} of ${subjectLabel(subject)} (${used} of ${limit})`,
    {
      details: { quota, subject: subject.kind, limit, used },
      rateLimit: {
        retryAfterSeconds,
        limit,
        remaining: 0,
        ...(resetSeconds !== null && { resetSeconds }),
      },
    },
  );
}
