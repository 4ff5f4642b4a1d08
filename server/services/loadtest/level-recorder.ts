// Collects one level's samples in bounded memory: counters for failures, and for answered
// requests only the numbers the statistics need. Answers take seconds on a real model, so their
// arrays stay small; failures, which can come back in microseconds, are only counted.
import { errorClasses, type ErrorClass, type LoadTestSla } from "../../schemas/loadtest";
import type { Sample } from "./sample";

export interface ServedCount {
  backend: string | null;
  model: string;
  requests: number;
}

export class LevelRecorder {
  readonly latencies: number[] = [];
  readonly ttfts: number[] = [];
  readonly tokenRates: number[] = [];
  /** Under SLA control: |predicted - actual| of each answer, and how many were degraded. */
  readonly predictionErrors: number[] = [];
  degraded = 0;
  readonly errorsByClass = Object.fromEntries(errorClasses.map((name) => [name, 0])) as Record<
    ErrorClass,
    number
  >;
  requests = 0;
  successes = 0;
  outputTokens = 0;
  withinSla = 0;
  readonly served = new Map<string, ServedCount>();

  constructor(private readonly sla: LoadTestSla) {}

  record(sample: Sample): void {
    this.requests += 1;
    if (!sample.ok) {
      this.errorsByClass[sample.errorClass] += 1;
      return;
    }
    this.successes += 1;
    this.latencies.push(sample.latencyMs);
    if (sample.ttftMs !== null) this.ttfts.push(sample.ttftMs);
    if (sample.tokensPerSecond !== null) this.tokenRates.push(sample.tokensPerSecond);
    this.outputTokens += sample.outputTokens ?? 0;
    if (sample.sla) {
      this.predictionErrors.push(Math.abs(sample.sla.actualMs - sample.sla.predictedMs));
      if (sample.sla.degraded) this.degraded += 1;
    }
    if (this.answeredWithinSla(sample.latencyMs, sample.ttftMs)) this.withinSla += 1;
    const key = `${sample.backend ?? ""}\u0000${sample.model}`;
    const served = this.served.get(key) ?? { backend: sample.backend, model: sample.model, requests: 0 };
    served.requests += 1;
    this.served.set(key, served);
  }

  get errors(): number {
    return this.requests - this.successes;
  }

  /** One answer is good when it came within the response time target (and the TTFT target, if any). */
  private answeredWithinSla(latencyMs: number, ttftMs: number | null): boolean {
    if (latencyMs > this.sla.avg_ms) return false;
    return this.sla.ttft_ms === null || (ttftMs !== null && ttftMs <= this.sla.ttft_ms);
  }
}
