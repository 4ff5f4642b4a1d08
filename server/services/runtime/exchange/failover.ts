// Failover: when a backend fails before the first token, for a reason another backend may not
// share, the same request goes to another backend of the assistant's models (up to
// HEARTH_FAILOVER_ATTEMPTS times). Once a token is out, or once the caller has gone, never.
import { env } from "../../../env";
import { logger } from "../../../logger";
import { admitRequest } from "../../gateway/admit-request";
import { EngineError } from "../../gateway/engines/engine";
import type { LeaseOutcome } from "../../gateway/gateway";
import { observeFailover } from "../../observability/metrics";
import { recordSpanError } from "../../observability/tracing";
import type { Attempt } from "./attempt";
import type { ExchangeState } from "./exchange-state";

/** Failures before the first token that another backend may not share. */
const RETRYABLE: ReadonlySet<EngineError["kind"]> = new Set([
  "connect",
  "timeout",
  "upstream",
  "cut",
  "rate_limited",
]);

/** What a backend's failure says about its health (a 4xx the request caused says nothing). */
export function leaseOutcomeOf(error: unknown): LeaseOutcome {
  if (!(error instanceof EngineError)) return { cancelled: true };
  switch (error.kind) {
    case "rate_limited":
      return { rateLimitedMs: (error.details.retryAfterSeconds ?? 1) * 1000 };
    case "aborted":
    case "bad_request":
      return { cancelled: true };
    default:
      return { ok: false, hard: true, reason: error.message };
  }
}

/** Whether an attempt that failed with `error` may be tried again on another backend. */
export function mayFailOver(
  state: ExchangeState,
  attempt: Attempt,
  error: unknown,
  maxFailovers: number = env.HEARTH_FAILOVER_ATTEMPTS,
): error is EngineError {
  return (
    attempt.lease !== null &&
    error instanceof EngineError &&
    RETRYABLE.has(error.kind) &&
    // Nothing of this attempt reached the consumer (a later step of a tool loop may fail over too).
    attempt.ttftMs === null &&
    !state.options.signal.aborted &&
    !state.generation.signal.aborted &&
    state.tried.size < maxFailovers
  );
}

/**
 * After a failed attempt: its span marks the failure, its backend's slot is released with what the
 * failure says about the backend, and, when the failure allows it and another backend admits the
 * request, the state holds that backend's ticket and the answer is true (the sequence tries again).
 */
export async function failover(state: ExchangeState, attempt: Attempt, error: unknown): Promise<boolean> {
  recordSpanError(attempt.span, error);
  attempt.lease?.release(leaseOutcomeOf(error));
  if (!attempt.lease || !mayFailOver(state, attempt, error)) return false;
  const failed = attempt.lease.backend;
  state.tried.add(failed.id);
  state.ticket = await admitElsewhere(state);
  if (!state.ticket) return false;
  observeFailover(failed.name, error.kind);
  logger.warn(
    { backend: failed.name, error: error.message, messageId: state.prepared.answerMessageId },
    "failing over to another backend before the first token",
  );
  return true;
}

/** Another backend for the request, none of those tried, or null if none admits it now. */
async function admitElsewhere(state: ExchangeState) {
  try {
    return await admitRequest({
      models: state.models,
      sessionKey: state.prepared.sessionId,
      exclude: state.tried,
      signal: state.options.signal,
    });
  } catch {
    return null;
  }
}
