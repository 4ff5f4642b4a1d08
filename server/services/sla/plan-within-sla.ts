// SLA control's decision for one question, before admission: with `degrade`, the fewest steps of
// the assistant's ladder (steps 1..k applied together) for which some backend is predicted to
// complete the answer within the SLA, and that backend (the session's own when it fits and is at
// most a request busier than the others, else the earliest); with `shed`, the assistant's settings
// or nothing. When nothing fits, a refusal with the time at which the prediction would fit (enough
// of the requests now running done). A backend that has never answered is tried as configured, to
// learn it.
import type { ReasoningEffort, SlaControl, SlaStep } from "../../schemas/assistant";
import type { CompletionModel, Prediction } from "./completion-model";

/** The generation settings an answer is made with. */
export interface GenerationPlan {
  model: string;
  reasoningEffort: ReasoningEffort;
  maxOutputTokens: number | null;
}

export interface SlaTargets {
  avg_ms: number;
  p95_ms: number | null;
  control: SlaControl;
  degradation: readonly SlaStep[];
}

/** A backend that can take the request, as the gateway sees it now. */
export interface PlanningCandidate {
  backendId: string;
  /** Requests in flight on it: this replica's, or vLLM's own count when higher. */
  running: number;
  capacity: number;
  sessionBackend: boolean;
}

export interface PlanningView {
  candidates(model: string): PlanningCandidate[];
  /** Requests of the model waiting for a slot. */
  waiting(model: string): number;
}

export interface SlaDecision {
  kind: "admit";
  plan: GenerationPlan;
  /** The ladder steps that changed something, in order. */
  steps: SlaStep[];
  backendId: string;
  predictedMs: number;
}

export interface SlaRefusal {
  kind: "refuse";
  /** The best prediction there was (the assistant's settings, or the whole ladder). */
  predictedMs: number;
  /** When the prediction would fit, or null if it never would on these backends. */
  retryAfterMs: number | null;
}

/** No backend serves any of the plans: admission decides (a 503, or the retrieval-only answer). */
export interface SlaUnplanned {
  kind: "unplanned";
}

export type SlaPlanning = SlaDecision | SlaRefusal | SlaUnplanned;

/** The plans to try, mildest first: the assistant's own, then each step added to the last. */
export function ladderOf(
  base: GenerationPlan,
  steps: readonly SlaStep[],
): Array<{ plan: GenerationPlan; steps: SlaStep[] }> {
  const plans = [{ plan: base, steps: [] as SlaStep[] }];
  for (const step of steps) {
    const previous = plans[plans.length - 1]!;
    const plan: GenerationPlan = {
      model: step.model ?? previous.plan.model,
      reasoningEffort: step.reasoning_effort ?? previous.plan.reasoningEffort,
      maxOutputTokens:
        step.max_output_tokens === undefined
          ? previous.plan.maxOutputTokens
          : Math.min(step.max_output_tokens, previous.plan.maxOutputTokens ?? Infinity),
    };
    const changed =
      plan.model !== previous.plan.model ||
      plan.reasoningEffort !== previous.plan.reasoningEffort ||
      plan.maxOutputTokens !== previous.plan.maxOutputTokens;
    if (changed) plans.push({ plan, steps: [...previous.steps, step] });
  }
  return plans;
}

interface Predicted {
  candidate: PlanningCandidate;
  prediction: Prediction;
  totalMs: number;
}

export function planWithinSla(input: {
  sla: SlaTargets;
  base: GenerationPlan;
  view: PlanningView;
  model: CompletionModel;
  /** Time since the question arrived. */
  elapsedMs: number;
}): SlaPlanning {
  const { sla, view, model } = input;
  const ladder = ladderOf(input.base, sla.control === "degrade" ? sla.degradation : []);
  // `degrade` keeps the average within avg_ms; `shed` starts only answers that will each meet it
  // (the prediction times the 99th percentile of recent actual / predicted).
  const p95Factor = model.marginFactor(0.95);
  const eachFactor = sla.control === "shed" ? model.marginFactor(0.99) : 1;
  const fits = (totalMs: number) =>
    totalMs * eachFactor <= sla.avg_ms && (sla.p95_ms === null || totalMs * p95Factor <= sla.p95_ms);
  const meanFits = (totalMs: number) => totalMs <= sla.avg_ms;
  // A backend that has not answered yet is tried as configured: refusing on the defaults' guess
  // would leave it unlearned for good.
  const unknown = view
    .candidates(input.base.model)
    .find((candidate) => !model.knows(candidate.backendId, input.base.model));
  if (unknown) {
    const [cold] = predictAll(input.base, { ...view, candidates: () => [unknown] }, model, input.elapsedMs);
    return {
      kind: "admit",
      plan: input.base,
      steps: [],
      backendId: unknown.backendId,
      predictedMs: Math.round(cold!.totalMs),
    };
  }
  let best: { predicted: Predicted; plan: GenerationPlan } | null = null;
  for (const { plan, steps } of ladder) {
    const predictions = predictAll(plan, view, model, input.elapsedMs);
    if (predictions.length === 0) continue;
    const own = predictions.find(
      (entry) =>
        entry.candidate.sessionBackend && fits(entry.totalMs) && boundedLoad(entry.candidate, predictions),
    );
    const earliest = predictions.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
    const chosen = own ?? earliest;
    if (fits(chosen.totalMs)) {
      return {
        kind: "admit",
        plan,
        steps,
        backendId: chosen.candidate.backendId,
        predictedMs: Math.round(chosen.totalMs),
      };
    }
    if (!best || chosen.totalMs < best.predicted.totalMs) best = { predicted: chosen, plan };
  }
  if (!best) return { kind: "unplanned" };
  // An idle backend whose average prediction fits takes the question even when the per-answer
  // margin says no: refusing on an idle backend would refuse until the margin changed, and with
  // nothing answered it never would.
  const idle = predictAll(input.base, view, model, input.elapsedMs).find(
    (entry) => entry.candidate.running === 0 && meanFits(entry.totalMs),
  );
  if (idle) {
    return {
      kind: "admit",
      plan: input.base,
      steps: [],
      backendId: idle.candidate.backendId,
      predictedMs: Math.round(idle.totalMs),
    };
  }
  return {
    kind: "refuse",
    predictedMs: Math.round(best.predicted.totalMs),
    retryAfterMs: whenItFits(best.predicted, best.plan, model, fits),
  };
}

/**
 * Whether the session's backend is at most one request busier than the least busy (relative to
 * capacity), as the gateway's affinity requires: a few sessions hashing alike must not pile up.
 */
function boundedLoad(own: PlanningCandidate, predictions: readonly Predicted[]): boolean {
  const load = (candidate: PlanningCandidate) => (candidate.running + 1) / candidate.capacity;
  const lightest = Math.min(...predictions.map((entry) => load(entry.candidate)));
  return load(own) - lightest <= 1 / own.capacity + 1e-9;
}

function predictAll(
  plan: GenerationPlan,
  view: PlanningView,
  model: CompletionModel,
  elapsedMs: number,
): Predicted[] {
  const candidates = view.candidates(plan.model);
  const queueMs = queueWait(plan, candidates, view.waiting(plan.model), model);
  // The batch it will run in: the one it joins, or its backend's share of everything in flight if
  // larger (a backend that just emptied gets the next requests: its batch refills to the others').
  const inFlight = candidates.reduce((sum, candidate) => sum + candidate.running, 0) + 1;
  const capacity = candidates.reduce((sum, candidate) => sum + candidate.capacity, 0);
  return candidates.map((candidate) => {
    const share = Math.ceil((inFlight * candidate.capacity) / capacity);
    const running = Math.max(candidate.running, share - 1);
    const prediction = model.predict({
      backendId: candidate.backendId,
      model: plan.model,
      effort: plan.reasoningEffort,
      maxOutputTokens: plan.maxOutputTokens,
      running: Math.min(running, candidate.capacity - 1),
      queueMs: candidate.running < candidate.capacity ? 0 : queueMs,
    });
    return { candidate, prediction, totalMs: elapsedMs + prediction.totalMs };
  });
}

/**
 * The wait for a slot when every backend is full: the requests ahead, plus this one, at the rate
 * the backends complete requests when full (capacity / service time, summed).
 */
function queueWait(
  plan: GenerationPlan,
  candidates: readonly PlanningCandidate[],
  waiting: number,
  model: CompletionModel,
): number {
  let perMs = 0;
  for (const candidate of candidates) {
    const full = model.predict({
      backendId: candidate.backendId,
      model: plan.model,
      effort: plan.reasoningEffort,
      maxOutputTokens: plan.maxOutputTokens,
      running: candidate.capacity - 1,
      queueMs: 0,
    });
    const serviceMs = full.ttftMs + full.decodeMs;
    if (serviceMs > 0) perMs += candidate.capacity / serviceMs;
  }
  return perMs > 0 ? (waiting + 1) / perMs : 0;
}

/**
 * How long until the prediction on this backend would fit: the smallest batch that fits, and the
 * time for enough of the running requests to finish to get there (they finish at about batch /
 * service time per millisecond). Null when even an idle backend would be too slow.
 */
function whenItFits(
  predicted: Predicted,
  plan: GenerationPlan,
  model: CompletionModel,
  fits: (totalMs: number) => boolean,
): number | null {
  const { candidate, prediction } = predicted;
  const elapsedMs = predicted.totalMs - prediction.totalMs;
  const at = (running: number) =>
    model.predict({
      backendId: candidate.backendId,
      model: plan.model,
      effort: plan.reasoningEffort,
      maxOutputTokens: plan.maxOutputTokens,
      running,
      queueMs: 0,
    });
  const fitsAt = (running: number) => fits(elapsedMs + at(running).totalMs);
  const current = Math.min(candidate.running, candidate.capacity);
  let running = current;
  while (running > 0 && !fitsAt(running)) running -= 1;
  if (!fitsAt(running)) return null;
  const service = at(Math.max(0, current - 1));
  const serviceMs = service.ttftMs + service.decodeMs;
  const finishing = current - running;
  return Math.max(
    1000,
    Math.round((Math.max(1, finishing) * serviceMs) / Math.max(1, current)) + prediction.queueMs,
  );
}
