// SLA control's decision on known inputs: a model trained on a backend whose answers take
// 1,800 tokens at medium effort (1,400 at low) decoding at (b + 2.5) / 253.4 s per token. The ladder
// step is taken when, and only when, it is needed; the session's backend wins when it fits;
// nothing fitting is a refusal with the time at which it would.
import { describe, expect, test } from "vitest";
import { msPerToken, teachA6000Curve, TTFT_MS } from "../../test/completion-model";
import { CompletionModel } from "./completion-model";
import {
  ladderOf,
  planWithinSla,
  type GenerationPlan,
  type PlanningCandidate,
  type SlaTargets,
} from "./plan-within-sla";

/** Predicted time alone on a backend of this model at a batch: ttft + tokens × time per token. */
const expectedMs = (tokens: number, batch: number) => TTFT_MS + (tokens - 1) * msPerToken(batch);

/** Batches 1 to 14 teach the line; the last answers, alone, leave the recent batch at 1. */
const trainedModel = () =>
  teachA6000Curve(new CompletionModel(), {
    backendIds: ["a", "b"],
    answers: 110,
    batchOf: (round) => (round < 80 ? 1 + (round % 14) : 1),
  });

const base: GenerationPlan = { model: "gpt-oss-20b", reasoningEffort: "medium", maxOutputTokens: null };
const ladder = [
  { reasoning_effort: "medium" as const },
  { reasoning_effort: "low" as const },
  { max_output_tokens: 512 },
];

function view(running: Record<string, number>, own = "a") {
  const candidates: PlanningCandidate[] = Object.entries(running).map(([backendId, count]) => ({
    backendId,
    running: count,
    capacity: 16,
    sessionBackend: backendId === own,
  }));
  return { candidates: () => candidates, waiting: () => 0 };
}

const targets = (
  control: SlaTargets["control"],
  avg_ms = 90_000,
  p95_ms: number | null = null,
): SlaTargets => ({
  avg_ms,
  p95_ms,
  control,
  degradation: ladder,
});

describe("ladderOf", () => {
  test("each plan adds one step; steps that change nothing are skipped; max_output_tokens only lowers", () => {
    const plans = ladderOf({ ...base, maxOutputTokens: 400 }, ladder);
    expect(plans.map((entry) => entry.plan)).toEqual([
      { model: "gpt-oss-20b", reasoningEffort: "medium", maxOutputTokens: 400 },
      { model: "gpt-oss-20b", reasoningEffort: "low", maxOutputTokens: 400 },
    ]);
    expect(plans[1]!.steps).toEqual([{ reasoning_effort: "low" }]);
    expect(ladderOf(base, ladder).map((entry) => entry.steps.length)).toEqual([0, 1, 2]);
  });
});

describe("planWithinSla", () => {
  const model = trainedModel();

  test("degrade: no step while the assistant's own settings fit", () => {
    // 5 running: batch 6 → 450 + 1799 × 33.6 ms ≈ 60.9 s.
    const decision = planWithinSla({
      sla: targets("degrade"),
      base,
      view: view({ a: 5, b: 5 }),
      model,
      elapsedMs: 0,
    });
    expect(decision).toMatchObject({ kind: "admit", steps: [], backendId: "a", plan: base });
    if (decision.kind !== "admit") throw new Error("refused");
    expect(Math.abs(decision.predictedMs - expectedMs(1800, 6)) / expectedMs(1800, 6)).toBeLessThan(0.02);
  });

  test("degrade: the fewest steps that fit, on the backend predicted to finish first", () => {
    // At 12 running (batch 13) medium takes ≈ 111 s, low ≈ 86 s: low is needed, not the 512 cap.
    const decision = planWithinSla({
      sla: targets("degrade"),
      base,
      view: view({ a: 12, b: 12 }),
      model,
      elapsedMs: 0,
    });
    expect(decision).toMatchObject({
      kind: "admit",
      steps: [{ reasoning_effort: "low" }],
      plan: { reasoningEffort: "low", maxOutputTokens: null },
    });
    // The session's backend is too slow at medium, the other one is not: no step, the other backend.
    const moved = planWithinSla({
      sla: targets("degrade"),
      base,
      view: view({ a: 14, b: 3 }),
      model,
      elapsedMs: 0,
    });
    expect(moved).toMatchObject({ kind: "admit", steps: [], backendId: "b" });
    // The session's backend fits but is two requests busier: the lighter one, as the gateway's affinity does.
    const lighter = planWithinSla({
      sla: targets("degrade"),
      base,
      view: view({ a: 6, b: 4 }),
      model,
      elapsedMs: 0,
    });
    expect(lighter).toMatchObject({ kind: "admit", steps: [], backendId: "b" });
    expect(
      planWithinSla({ sla: targets("degrade"), base, view: view({ a: 5, b: 4 }), model, elapsedMs: 0 }),
    ).toMatchObject({
      backendId: "a",
    });
    // Time already spent (retrieval) counts against the target.
    const late = planWithinSla({
      sla: targets("degrade"),
      base,
      view: view({ a: 5, b: 5 }),
      model,
      elapsedMs: 40_000,
    });
    expect(late).toMatchObject({ kind: "admit", steps: [{ reasoning_effort: "low" }] });
  });

  test("p95: the prediction times the p95 margin must fit p95_ms too", () => {
    const decision = planWithinSla({
      sla: targets("degrade", 90_000, 70_000),
      base,
      view: view({ a: 5, b: 5 }),
      model,
      elapsedMs: 0,
    });
    // 60.9 s × 1.2 (the cold margin) = 73 s > 70 s: low effort (47 s × 1.2) is needed.
    expect(decision).toMatchObject({ kind: "admit", steps: [{ reasoning_effort: "low" }] });
  });

  test("a backend that just emptied is predicted at its share of the fleet's load", () => {
    // 12 running on b, none on a: a will not stay empty; (12 + 1) / 2 → 7 in its batch.
    const decision = planWithinSla({
      sla: targets("degrade"),
      base,
      view: view({ a: 0, b: 12 }),
      model,
      elapsedMs: 0,
    });
    expect(decision).toMatchObject({ kind: "admit", steps: [], backendId: "a" });
    if (decision.kind !== "admit") throw new Error("refused");
    expect(Math.abs(decision.predictedMs - expectedMs(1800, 7)) / expectedMs(1800, 7)).toBeLessThan(0.02);
  });

  test("shed: the assistant's own settings or a refusal, with when it would fit", () => {
    expect(
      planWithinSla({ sla: targets("shed"), base, view: view({ a: 5 }), model, elapsedMs: 0 }),
    ).toMatchObject({
      kind: "admit",
      steps: [],
    });
    const refusal = planWithinSla({ sla: targets("shed"), base, view: view({ a: 12 }), model, elapsedMs: 0 });
    expect(refusal.kind).toBe("refuse");
    if (refusal.kind !== "refuse") throw new Error("admitted");
    expect(Math.abs(refusal.predictedMs - expectedMs(1800, 13)) / expectedMs(1800, 13)).toBeLessThan(0.02);
    // Each answer must fit: prediction × 1.35 (the cold 99th-percentile margin) ≤ 90 s, so at most
    // 66.7 s: batch ≤ 6 (5 running). 7 of the 12 must finish, each every ≈ 108 s / 12.
    const expected = (7 * expectedMs(1800, 12)) / 12;
    expect(Math.abs((refusal.retryAfterMs ?? 0) - expected) / expected).toBeLessThan(0.05);
  });

  test("a target no backend could meet even idle refuses without a time; no backend at all is unplanned", () => {
    const refusal = planWithinSla({
      sla: targets("degrade", 1_000),
      base,
      view: view({ a: 0 }),
      model,
      elapsedMs: 0,
    });
    expect(refusal).toMatchObject({ kind: "refuse", retryAfterMs: null });
    expect(planWithinSla({ sla: targets("degrade"), base, view: view({}), model, elapsedMs: 0 })).toEqual({
      kind: "unplanned",
    });
  });

  test("a full backend adds the queue's wait", () => {
    const full = {
      candidates: () => [{ backendId: "a", running: 16, capacity: 16, sessionBackend: true }],
      waiting: () => 15,
    };
    const decision = planWithinSla({ sla: targets("shed", 600_000), base, view: full, model, elapsedMs: 0 });
    if (decision.kind !== "admit") throw new Error("refused");
    // 16 ahead (15 waiting + this one) at 16 per service time: one service time of waiting.
    const service = expectedMs(1800, 16);
    expect(Math.abs(decision.predictedMs - 2 * service) / (2 * service)).toBeLessThan(0.03);
  });
});

describe("a backend that has not answered yet", () => {
  test("is tried as configured, whatever the defaults predict", () => {
    const decision = planWithinSla({
      sla: targets("shed", 1_000),
      base,
      view: view({ a: 0 }),
      model: new CompletionModel(),
      elapsedMs: 0,
    });
    expect(decision).toMatchObject({ kind: "admit", steps: [], backendId: "a", plan: base });
  });
});

describe("shed on an idle backend", () => {
  test("a margin grown large does not refuse what an idle backend is predicted to meet on average", () => {
    const model = trainedModel();
    for (let i = 0; i < 50; i += 1) model.observeOutcome(1000, 4000);
    expect(model.marginFactor(0.99)).toBe(4);
    // Alone: ≈ 24 s; × 4 = 96 s > 90 s, but the backend is idle and 24 s ≤ 90 s.
    expect(
      planWithinSla({ sla: targets("shed"), base, view: view({ a: 0 }), model, elapsedMs: 0 }),
    ).toMatchObject({
      kind: "admit",
      steps: [],
      backendId: "a",
    });
    expect(
      planWithinSla({ sla: targets("shed"), base, view: view({ a: 1 }), model, elapsedMs: 0 }).kind,
    ).toBe("refuse");
  });
});
