import { AppError } from "../../errors";
import type { QuotaName } from "../../schemas/quotas";
import { subjectLabel, type QuotaSubject } from "./quota-subject";

/**
 * A question refused by a quota: 429 RATE_LIMITED naming the quota, its limit and use, with
 * `Retry-After` and `RateLimit-*` headers (null `resetSeconds`: when a stream ends, unknown). With
 * `answersInProgress`, the use recorded is below the limit but the answers in progress are expected
 * to reach it.
 */
export function quotaRefusal(
  subject: QuotaSubject,
  quota: QuotaName,
  limit: number,
  used: number,
  retryAfterSeconds: number,
  resetSeconds: number | null,
  inProgress?: { answersInProgress: number },
): AppError {
  const what = quota.replaceAll("_", " ");
  const message = inProgress
    ? `Quota nearly reached: ${what} of ${subjectLabel(subject)} (${used} of ${limit} used, and ` +
      `${inProgress.answersInProgress} answer${inProgress.answersInProgress === 1 ? "" : "s"} in progress ` +
      "expected to reach it); try again when they end"
    : `Quota exceeded: ${what} of ${subjectLabel(subject)} (${used} of ${limit})`;
  return new AppError("RATE_LIMITED", message, {
    details: {
      quota,
      subject: subject.kind,
      limit,
      used,
      ...(inProgress && { answers_in_progress: inProgress.answersInProgress }),
    },
    rateLimit: {
      retryAfterSeconds,
      limit,
      remaining: 0,
      ...(resetSeconds !== null && { resetSeconds }),
    },
  });
}
