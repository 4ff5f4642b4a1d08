// Quotas decided before a question is taken, for its API key and its end user. Tokens per day and
// month and cost per month count the usage rollups (every replica's answers, as recorded) and this
// replica's answers still in progress, each at its subject's average answer this month; concurrent
// streams count those answers; then the request is counted against requests per minute (a counter
// shared by every replica). The first quota passed refuses the question with 429 and when to try
// again; nothing is recorded for it. An admitted question holds its slots until its answer is
// recorded (the release this returns).
import { AppError } from "../../errors";
import { consumeRateLimit } from "../rate-limits/consume-rate-limit";
import { holdSlots, inFlight, type Expected, type InFlight } from "./answers-in-flight";
import { readPeriodUsage, type PeriodUsage } from "./period-usage";
import { quotaRefusal } from "./quota-refusal";
import { subjectKey, type QuotaSubject } from "./quota-subject";
import { quotaWindows, secondsUntil, type QuotaWindows } from "./quota-windows";

export const RPM_SCOPE = "quota-rpm";

/** An answer's expected tokens while its subject has none recorded this month. */
export const FIRST_ANSWER_TOKENS = 1_000;

/**
 * When answers in progress, not recorded usage, reach a quota: they may use less than expected, so
 * the question is worth trying again soon.
 */
export const IN_FLIGHT_RETRY_SECONDS = 5;

function hasPeriodQuotas(subject: QuotaSubject): boolean {
  const { tokens_per_day, tokens_per_month, cost_per_month } = subject.quotas;
  return tokens_per_day !== null || tokens_per_month !== null || cost_per_month !== null;
}

/** The subject's average answer this month: what one more answer is expected to use. */
function expectedAnswer(used: PeriodUsage | null): Expected {
  if (!used || used.monthRequests === 0) return { tokens: FIRST_ANSWER_TOKENS, cost: 0 };
  return { tokens: used.monthTokens / used.monthRequests, cost: used.monthCost / used.monthRequests };
}

/** Refuses the question when a period quota is reached by what is recorded, or with what is in progress. */
function checkPeriods(
  subject: QuotaSubject,
  used: PeriodUsage,
  running: InFlight,
  windows: QuotaWindows,
  now: Date,
): void {
  const { tokens_per_day, tokens_per_month, cost_per_month } = subject.quotas;
  const untilDay = secondsUntil(windows.dayEnd, now);
  const untilMonth = secondsUntil(windows.monthEnd, now);
  const check = (
    quota: "tokens_per_day" | "tokens_per_month" | "cost_per_month",
    limit: number | null,
    recorded: number,
    expected: number,
    untilReset: number,
  ) => {
    if (limit === null) return;
    if (recorded >= limit) throw quotaRefusal(subject, quota, limit, recorded, untilReset, untilReset);
    if (running.streams > 0 && recorded + expected >= limit) {
      throw quotaRefusal(subject, quota, limit, recorded, IN_FLIGHT_RETRY_SECONDS, untilReset, {
        answersInProgress: running.streams,
      });
    }
  };
  check("tokens_per_day", tokens_per_day, used.dayTokens, running.tokens, untilDay);
  check("tokens_per_month", tokens_per_month, used.monthTokens, running.tokens, untilMonth);
  check("cost_per_month", cost_per_month, used.monthCost, running.cost, untilMonth);
}

function checkStreams(subject: QuotaSubject, running: InFlight): void {
  const limit = subject.quotas.concurrent_streams;
  if (limit !== null && running.streams >= limit) {
    throw quotaRefusal(subject, "concurrent_streams", limit, running.streams, 1, null);
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

/** Admits a question under its subjects' quotas or throws RATE_LIMITED; returns what frees its slots. */
export async function admitToQuotas(subjects: QuotaSubject[], now = new Date()): Promise<() => void> {
  if (subjects.length === 0) return () => undefined;
  const windows = quotaWindows(now);
  const usage = await Promise.all(
    subjects.map((subject) =>
      hasPeriodQuotas(subject) ? readPeriodUsage(subject, windows) : Promise.resolve(null),
    ),
  );
  // From the checks to the slots held nothing waits: questions arriving together see each other.
  const nowMs = now.getTime();
  subjects.forEach((subject, index) => {
    const running = inFlight(subject, nowMs);
    const used = usage[index];
    if (used) checkPeriods(subject, used, running, windows, now);
    checkStreams(subject, running);
  });
  const release = holdSlots(
    subjects.map((subject, index) => ({ subject, expected: expectedAnswer(usage[index] ?? null) })),
    nowMs,
  );
  try {
    for (const subject of subjects) await countRequest(subject, now);
  } catch (error) {
    release();
    throw error;
  }
  return release;
}
