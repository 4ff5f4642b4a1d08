// When a failed webhook delivery is tried again. A failure that may pass by itself is retried: no
// answer (connection refused or reset, a timeout), a 5xx, or 429 Too Many Requests. One that will
// not is not: any other 4xx (a wrong URL or a refused body stays wrong), a redirect (never
// followed), a host the webhook rules refuse. Attempts are spaced 1 s then 4 s apart (4^n), or
// as the webhook's Retry-After asks when that is longer; a webhook asking for more than
// RETRY_AFTER_CAP_MS is not retried, since an alert that late is of little use. Pure.

/** Attempts per message, the first included. */
export const MAX_ATTEMPTS = 3;
const FIRST_BACKOFF_MS = 1_000;
const BACKOFF_FACTOR = 4;
/** The longest Retry-After honoured. */
export const RETRY_AFTER_CAP_MS = 30_000;

/** How one POST went, as the retry policy needs it. */
export interface AttemptOutcome {
  ok: boolean;
  /** The HTTP status; null: no answer. */
  statusCode: number | null;
  error: string | null;
  /** Whether the failure may pass by itself (set by whoever made the request). */
  retryable: boolean;
  /** The answer's Retry-After, in milliseconds from now; null: none. */
  retryAfterMs: number | null;
}

/** Whether an answer's status is worth trying again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A Retry-After header (delay-seconds or an HTTP date) in milliseconds from `now`; null if absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** How long to wait before the attempt after `attempt` (1-based), or null: no more attempts. */
export function retryDelayMs(attempt: number, outcome: AttemptOutcome): number | null {
  if (outcome.ok || !outcome.retryable || attempt >= MAX_ATTEMPTS) return null;
  const backoff = FIRST_BACKOFF_MS * BACKOFF_FACTOR ** (attempt - 1);
  if (outcome.retryAfterMs === null) return backoff;
  if (outcome.retryAfterMs > RETRY_AFTER_CAP_MS) return null;
  return Math.max(backoff, outcome.retryAfterMs);
}
