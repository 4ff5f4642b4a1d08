// What one virtual-user request produced, as the client saw it.
import type { ErrorClass } from "../../schemas/loadtest";

export interface AnsweredSample {
  ok: true;
  /** Request sent to complete answer received, client-side. */
  latencyMs: number;
  /** First answer token (stream, client-side) or the server's time to first token (ask). */
  ttftMs: number | null;
  outputTokens: number | null;
  /** Answer tokens per second of the generation (server timings), when known. */
  tokensPerSecond: number | null;
  backend: string | null;
  model: string;
  /** Under SLA control: the server's prediction and actual time, and whether it degraded the answer. */
  sla: { predictedMs: number; actualMs: number; degraded: boolean } | null;
}

export interface FailedSample {
  ok: false;
  latencyMs: number;
  errorClass: ErrorClass;
  /** The HTTP status or Hearth error code, for logs. */
  detail: string;
  /** Seconds a 429 asked the client to wait, when it said. */
  retryAfterSeconds?: number;
}

export type Sample = AnsweredSample | FailedSample;
