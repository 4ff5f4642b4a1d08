// SLA control, before admission (assistants whose `sla.control` is `degrade` or `shed`): predicts
// when the answer would be complete on each backend and either settles the plan (the ladder steps
// needed, the backend to prefer) or refuses at once with 429 and the time at which it would fit.
// Nothing here runs with control `off`. It runs synchronously just before the gateway admits the
// request, so that questions arriving together each see the others' slots taken (a burst is not
// all predicted on an idle backend).
import { AppError } from "../../../errors";
import { rateLimitOf, type Gateway } from "../../gateway/gateway";
import { observeSlaShed } from "../../observability/metrics";
import { completionModel } from "../../sla/completion-model-instance";
import { planWithinSla, type PlanningView } from "../../sla/plan-within-sla";
import { elapsedMs, type ExchangeState } from "./exchange-state";

/** Retry-After when even an idle backend is predicted too slow for the SLA. */
const UNREACHABLE_RETRY_S = 60;

export function controlSla(state: ExchangeState, gateway: Gateway): void {
  const { assistant, sessionId } = state.prepared;
  if (assistant.sla.control === "off") return;
  const planning = planWithinSla({
    sla: assistant.sla,
    base: state.plan,
    view: planningView(gateway, sessionId),
    model: completionModel(),
    elapsedMs: elapsedMs(state),
  });
  const targetMs = assistant.sla.avg_ms;
  if (planning.kind === "unplanned") return;
  if (planning.kind === "refuse") {
    state.sla = { targetMs, predictedMs: planning.predictedMs, steps: [], backendId: null };
    observeSlaShed(assistant.id);
    const seconds = (s: number) => `${Math.round(s / 100) / 10} s`;
    const retryAfter = planning.retryAfterMs === null ? UNREACHABLE_RETRY_S : planning.retryAfterMs / 1000;
    throw new AppError(
      "RATE_LIMITED",
      planning.retryAfterMs === null
        ? `The answer cannot be ready within this assistant's SLA (${seconds(targetMs)}) on the backends available`
        : `The answer would not be ready within this assistant's SLA (predicted ${seconds(planning.predictedMs)}, target ${seconds(targetMs)}); retry in ${Math.ceil(retryAfter)} s`,
      { rateLimit: rateLimitOf(retryAfter) },
    );
  }
  state.plan = planning.plan;
  state.models = [...new Set([planning.plan.model, ...state.models])];
  state.sla = {
    targetMs,
    predictedMs: planning.predictedMs,
    steps: planning.steps,
    backendId: planning.backendId,
  };
}

/**
 * The gateway's backends as the planner sees them. In flight is this replica's count, which is all
 * of it with one replica; with several (cluster admission), vLLM's own count from its last probe
 * when higher, as the others' requests are not counted here.
 */
function planningView(gateway: Gateway, sessionKey: string): PlanningView {
  return {
    candidates: (model) =>
      gateway.candidates(model, sessionKey).map((candidate) => ({
        backendId: candidate.backend.id,
        running: batchOf(gateway, candidate.outstanding, candidate.running),
        capacity: candidate.capacity,
        sessionBackend: candidate.sessionBackend,
      })),
    waiting: (model) => gateway.waiting(model),
  };
}

/** A backend's batch: this replica's requests, or with several replicas vLLM's count if higher. */
export function batchOf(gateway: Gateway, local: number, reported: number | null): number {
  return gateway.shared ? Math.max(local, reported ?? 0) : local;
}
