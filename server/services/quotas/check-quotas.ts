// Quotas checked before a question is taken, for its API key and its end user: tokens per day and
// month and cost per month from the usage rollups (every replica's answers as recorded), then the
// request counted against requests per minute (a counter shared by every replica). The first
// quota passed refuses the question with 429 and when to try again; nothing is recorded for it.
import { AppError } from "../../errors";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { readPeriodUsage } from "./period-usage";
import { quotaRefusal } from "./quota-refusal";
import { subjectKey, type QuotaSubject } from "./quota-subject";
import { quotaWindows, secondsUntil } from "./quota-windows";

export const RPM_SCOPE = "quota-rpm";

async function checkPeriods(subject: QuotaSubject, now: Date): Promise<void> {
  const { tokens_per_day, tokens_per_month, cost_per_month } = subject.quotas;
  if (tokens_per_day === null && tokens_per_month === null && cost_per_month === null) return;
  const windows = quotaWindows(now);
  const used = await readPeriodUsage(subject, windows);
  const untilDay = secondsUntil(windows.dayEnd, now);
  const untilMonth = secondsUntil(windows.monthEnd, now);
  if (tokens_per_day !== null && used.dayTokens >= tokens_per_day) {
    throw quotaRefusal(subject, "tokens_per_day", tokens_per_day, used.dayTokens, untilDay, untilDay);
  }
  if (tokens_per_month !== null && used.monthTokens >= tokens_per_month) {
    throw quotaRefusal(
      subject,
      "tokens_per_month",
      tokens_per_month,
      used.monthTokens,
      untilMonth,
      untilMonth,
    );
  }
  if (cost_per_month !== null && used.monthCost >= cost_per_month) {
    throw quotaRefusal(subject, "cost_per_month", cost_per_month, used.monthCost, untilMonth, untilMonth);
  }
}

async function countRequest(subject: QuotaSubject, now: Date): Promise<void> {
  const limit = subject.quotas.requests_per_minute;
  if (limit === null) return;
  try {
    await consumeRateLimit({ scope: RPM_SCOPE, key: subjectKey(subject), limit, message: "" }, now.getTime());
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "RATE_LIMITED") throw error;
    const retryAfter = error.rateLimit?.retryAfterSeconds ?? 60;
    throw quotaRefusal(subject, "requests_per_minute", limit, limit, retryAfter, retryAfter);
  }
}

export async function checkQuotas(subjects: QuotaSubject[], now = new Date()): Promise<void> {
  for (const subject of subjects) await checkPeriods(subject, now);
  for (const subject of subjects) await countRequest(subject, now);
}
