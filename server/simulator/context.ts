// The state one simulator instance shares across its handlers, and the per-request scope.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultInjector } from "./faults";
import type { SimulatorMetrics } from "./metrics";
import type { SimulatorConfig } from "./options";
import type { Scheduler } from "./scheduler";

export interface RequestCounters {
  /** Inference requests received (chat completions and embeddings). */
  requests: number;
  completed: number;
  /** The client went away (or the simulator stopped) before the reply was complete. */
  aborted: number;
  /** Ended by an injected fault: error status, 429, reset or cut. */
  failed: number;
  /** Refused as invalid: bad body, unknown model, too long for the context. */
  rejected: number;
  /** Inference requests open right now, and the most open at once (what a gateway let through). */
  inFlight: number;
  peakInFlight: number;
}

export interface SimulatorContext {
  config: SimulatorConfig;
  scheduler: Scheduler;
  faults: FaultInjector;
  metrics: SimulatorMetrics;
  counters: RequestCounters;
  reasoningPattern: RegExp;
  /** Aborts every request in flight when the simulator stops. */
  shutdown: AbortSignal;
}

export interface RequestScope {
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborts when the client disconnects or the simulator stops. */
  signal: AbortSignal;
  /** performance.now() when the request arrived: TTFT and e2e latency count from here. */
  arrivedAt: number;
}

export const SIMULATOR_NAME = "hearth-vllm-simulator";
