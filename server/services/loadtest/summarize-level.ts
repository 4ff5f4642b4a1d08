// Turns a level's recorded samples into its published figures and its SLA verdict.
import type { LoadTestLevelResult, LoadTestSla, SlaCheck } from "../../schemas/loadtest";
import type { LevelRecorder } from "./level-recorder";
import { average, distribution, round } from "./statistics";

/** Each target the SLA sets, against the level's figure. No answer at all never meets an SLA. */
export function checkSla(
  sla: LoadTestSla,
  figures: Pick<LoadTestLevelResult, "successes" | "response_ms" | "ttft_ms" | "error_rate">,
): SlaCheck[] {
  const check = (target: SlaCheck["target"], limit: number, actual: number | null): SlaCheck => ({
    target,
    limit,
    actual,
    met: actual !== null && actual <= limit,
  });
  const checks: SlaCheck[] = [
    { target: "successes", limit: 1, actual: figures.successes, met: figures.successes > 0 },
    check("avg_ms", sla.avg_ms, figures.response_ms.avg),
  ];
  if (sla.p95_ms !== null) checks.push(check("p95_ms", sla.p95_ms, figures.response_ms.p95));
  if (sla.ttft_ms !== null) checks.push(check("ttft_ms", sla.ttft_ms, figures.ttft_ms.avg));
  if (sla.error_rate !== null) checks.push(check("error_rate", sla.error_rate, figures.error_rate));
  return checks;
}

/**
 * The level's figures. `final` is false for the live view of a running level, whose verdict is
 * not given yet (null).
 */
export function summarizeLevel(
  recorder: LevelRecorder,
  durationMs: number,
  sla: LoadTestSla,
  final: boolean,
): LoadTestLevelResult {
  const minutes = durationMs / 60_000;
  const ttft = distribution(recorder.ttfts);
  const figures = {
    duration_ms: Math.round(durationMs),
    requests: recorder.requests,
    successes: recorder.successes,
    errors: recorder.errors,
    response_ms: distribution(recorder.latencies),
    ttft_ms: { avg: ttft.avg, median: ttft.median, p95: ttft.p95 },
    tokens_per_second: round(average(recorder.tokenRates), 1),
    output_tokens_per_second:
      durationMs > 0 && recorder.successes > 0 ? round(recorder.outputTokens / (durationMs / 1000), 1) : null,
    error_rate: recorder.requests > 0 ? (round(recorder.errors / recorder.requests, 4) ?? 0) : 0,
    errors_by_class: { ...recorder.errorsByClass },
    throughput_per_min: minutes > 0 ? (round(recorder.successes / minutes, 2) ?? 0) : 0,
    goodput: recorder.requests > 0 ? round(recorder.withinSla / recorder.requests, 4) : null,
    goodput_per_min: minutes > 0 ? (round(recorder.withinSla / minutes, 2) ?? 0) : 0,
    sla_control:
      recorder.predictionErrors.length > 0
        ? {
            answers: recorder.predictionErrors.length,
            degraded: recorder.degraded,
            prediction_error_ms: distribution(recorder.predictionErrors).median,
          }
        : null,
  };
  const checks = checkSla(sla, figures);
  return { ...figures, sla_met: final ? checks.every((check) => check.met) : null, sla_checks: checks };
}
