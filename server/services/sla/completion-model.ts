// When will an answer be complete? A model of each backend, learned online from its own recent
// answers: queue wait + time to first token + expected output tokens × the time per token at the
// batch the request would join. The time per token is a straight line in the batch size (vLLM's
// continuous batching: each request in a batch of b decodes at about tps1 (1 + K) / (b + K), so the
// time per token is (b + K) / (tps1 (1 + K)): linear in b), fitted by weighted least squares that
// forgets old answers. The output length is an average per model and reasoning effort (answers cut
// by max_output_tokens do not count: they say nothing of the length the model wanted). Until a
// backend has answered, defaults stand in (a 60 token/s GPU, K = 2.5, ~1,200 tokens at medium
// effort), and the first answer replaces them.
import type { ReasoningEffort } from "../../schemas/assistant";

/** What one completed answer teaches. */
export interface AnswerObservation {
  backendId: string;
  model: string;
  effort: ReasoningEffort;
  /** The backend's mean batch (requests in flight) while the answer was generated. */
  batch: number;
  completionTokens: number;
  ttftMs: number;
  /** From the first token to the last. */
  decodeMs: number;
  /** Cut by max_output_tokens (finish_reason `length`). */
  truncated: boolean;
}

/** The question to predict for: one backend, one set of generation settings. */
export interface PredictionInput {
  backendId: string;
  model: string;
  effort: ReasoningEffort;
  maxOutputTokens: number | null;
  /** Requests the backend is running now (before this one joins). */
  running: number;
  /** Expected wait for a slot (0 when the backend has one free). */
  queueMs: number;
}

export interface Prediction {
  queueMs: number;
  ttftMs: number;
  decodeMs: number;
  /** The work before the backend is asked (retrieval, prompt) and after. */
  overheadMs: number;
  totalMs: number;
  tokens: number;
  batch: number;
}

/** Defaults before a backend has answered: a GPT-OSS-class model on one datacenter GPU. */
export const COLD_START = {
  tokensPerSecondAlone: 60,
  batchSaturation: 2.5,
  ttftMs: 500,
  outputTokens: { low: 800, medium: 1200, high: 2000 } satisfies Record<ReasoningEffort, number>,
};

/** How much each new answer counts against the past (effective memory of about 50 answers). */
const FORGET = 0.98;
/** EWMA weight of a new answer in the lengths, TTFT and overhead. */
const SMOOTHING = 0.1;
/** The spread of batch sizes (variance) from which the slope is fitted rather than assumed. */
const MIN_BATCH_VARIANCE = 1;
/** How many recent prediction errors the p95 margin is taken from. */
const ERROR_WINDOW = 200;

/**
 * Weighted least squares of ms per token against the batch size, with exponential forgetting.
 * While the answers seen span too few batch sizes to tell a slope (a steady load keeps the batch
 * where it is), the line keeps the defaults' shape (time per token proportional to b + K) through
 * the answers' mean.
 */
class DecodeLine {
  private w = 0;
  private sb = 0;
  private sbb = 0;
  private sy = 0;
  private sby = 0;

  observe(batch: number, msPerToken: number): void {
    this.w = this.w * FORGET + 1;
    this.sb = this.sb * FORGET + batch;
    this.sbb = this.sbb * FORGET + batch * batch;
    this.sy = this.sy * FORGET + msPerToken;
    this.sby = this.sby * FORGET + batch * msPerToken;
  }

  at(batch: number): number {
    const meanB = this.sb / this.w;
    const meanY = this.sy / this.w;
    const varB = this.sbb / this.w - meanB * meanB;
    const k = COLD_START.batchSaturation;
    if (varB < MIN_BATCH_VARIANCE) return (meanY * (batch + k)) / (meanB + k);
    // Time per token never falls as the batch grows; a noisy negative slope means "flat".
    const slope = Math.max(0, (this.sby / this.w - meanB * meanY) / varB);
    return Math.max(0.01, meanY + slope * (batch - meanB));
  }
}

class Average {
  constructor(
    private value: number,
    private seen = false,
  ) {}

  get known(): boolean {
    return this.seen;
  }

  get current(): number {
    return this.value;
  }

  observe(sample: number): void {
    this.value = this.seen ? this.value + SMOOTHING * (sample - this.value) : sample;
    this.seen = true;
  }
}

function coldMsPerToken(batch: number): number {
  const { tokensPerSecondAlone: tps, batchSaturation: k } = COLD_START;
  return (1000 * (batch + k)) / (tps * (1 + k));
}

export class CompletionModel {
  private readonly lines = new Map<string, DecodeLine>();
  private readonly ttft = new Map<string, Average>();
  private readonly lengths = new Map<string, Average>();
  private readonly overhead = new Average(0);
  /** actual / predicted of recent answers, for the p95 margin. */
  private readonly ratios: number[] = [];

  observe(answer: AnswerObservation): void {
    const key = `${answer.backendId}\0${answer.model}`;
    if (answer.completionTokens > 1 && answer.decodeMs > 0) {
      const line = this.lines.get(key) ?? new DecodeLine();
      line.observe(Math.max(1, answer.batch), answer.decodeMs / (answer.completionTokens - 1));
      this.lines.set(key, line);
    }
    const ttft = this.ttft.get(key) ?? new Average(COLD_START.ttftMs);
    ttft.observe(answer.ttftMs);
    this.ttft.set(key, ttft);
    if (!answer.truncated && answer.completionTokens > 0) {
      const lengthKey = `${answer.model}\0${answer.effort}`;
      const length = this.lengths.get(lengthKey) ?? new Average(COLD_START.outputTokens[answer.effort]);
      length.observe(answer.completionTokens);
      this.lengths.set(lengthKey, length);
    }
  }

  /** The time around the model's work (retrieval, prompt, recording), as measured on an answer. */
  observeOverhead(ms: number): void {
    this.overhead.observe(Math.max(0, ms));
  }

  /**
   * How far off the model was on an answer (its actual time against the model's prediction for
   * the batch it ran in): feeds the margins.
   */
  observeOutcome(predictedMs: number, actualMs: number): void {
    if (predictedMs <= 0) return;
    this.ratios.push(actualMs / predictedMs);
    if (this.ratios.length > ERROR_WINDOW) this.ratios.shift();
  }

  /**
   * The factor from a prediction to a quantile of the actual time: that quantile of actual /
   * predicted over recent answers (at least 1); before 20 answers, 1.2 for the 95th percentile and
   * 1.35 for the 99th.
   */
  marginFactor(quantile: 0.95 | 0.99): number {
    if (this.ratios.length < 20) return quantile === 0.95 ? 1.2 : 1.35;
    const sorted = [...this.ratios].sort((a, b) => a - b);
    return Math.max(1, sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]!);
  }

  /** Expected output tokens for a model at an effort (capped by max_output_tokens). */
  expectedTokens(model: string, effort: ReasoningEffort, maxOutputTokens: number | null): number {
    const own = this.lengths.get(`${model}\0${effort}`);
    let tokens: number;
    if (own) tokens = own.current;
    else {
      // Unseen effort: scale what the model does at another effort by the defaults' ratio.
      const efforts = ["medium", "low", "high"] as const;
      const known = efforts.find((other) => this.lengths.has(`${model}\0${other}`));
      tokens = known
        ? (this.lengths.get(`${model}\0${known}`)!.current * COLD_START.outputTokens[effort]) /
          COLD_START.outputTokens[known]
        : COLD_START.outputTokens[effort];
    }
    return maxOutputTokens === null ? tokens : Math.min(tokens, maxOutputTokens);
  }

  /** Whether a backend has answered for a model yet (before that, predictions are the defaults). */
  knows(backendId: string, model: string): boolean {
    return this.lines.has(`${backendId}\0${model}`);
  }

  /** Milliseconds per output token on a backend for a model, at a batch size. */
  msPerToken(backendId: string, model: string, batch: number): number {
    return this.lines.get(`${backendId}\0${model}`)?.at(batch) ?? coldMsPerToken(batch);
  }

  predict(input: PredictionInput): Prediction {
    const key = `${input.backendId}\0${input.model}`;
    const batch = input.running + 1;
    const tokens = this.expectedTokens(input.model, input.effort, input.maxOutputTokens);
    const ttftMs = this.ttft.get(key)?.current ?? COLD_START.ttftMs;
    const decodeMs = Math.max(0, tokens - 1) * this.msPerToken(input.backendId, input.model, batch);
    const overheadMs = this.overhead.current;
    return {
      queueMs: input.queueMs,
      ttftMs,
      decodeMs,
      overheadMs,
      totalMs: input.queueMs + ttftMs + decodeMs + overheadMs,
      tokens,
      batch,
    };
  }
}
