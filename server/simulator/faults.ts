// Fault injection for the vLLM simulator: the failures a real model server shows under load or
// when it breaks (error statuses, 429 with Retry-After, stalled or cut streams, slow first tokens,
// reset connections, a failing health check), so Hearth's gateway can be tested against each one.
// Faults are set at start and changed at runtime; each one fires with a probability (default 1)
// and, when `next` is given, only that many more times before it disarms itself.
import { z } from "zod";

const triggerShape = {
  probability: z.number().min(0).max(1).optional().describe("Chance that an eligible request fires it"),
  next: z.number().int().min(1).optional().describe("Fire on at most this many more requests"),
};

export const faultsSchema = z
  .object({
    error: z.object({
      status: z.number().int().min(400).max(599).default(500),
      message: z.string().optional(),
      ...triggerShape,
    }),
    rateLimit: z.object({ retryAfterSeconds: z.number().int().min(0).default(1), ...triggerShape }),
    stall: z.object({
      afterTokens: z.number().int().min(0).default(1),
      durationMs: z.number().min(0).optional().describe("Omit to stall until the client gives up"),
      ...triggerShape,
    }),
    cut: z.object({ afterTokens: z.number().int().min(0).default(1), ...triggerShape }),
    slowStart: z.object({ extraMs: z.number().min(0).default(1000), ...triggerShape }),
    reset: z.object(triggerShape),
    healthDown: z.boolean(),
  })
  .partial()
  .strict();

/** A patch: a key replaces that fault, `null` removes it, an absent key leaves it as it is. */
export const faultsPatchSchema = z
  .object({
    error: faultsSchema.shape.error.unwrap().nullable(),
    rateLimit: faultsSchema.shape.rateLimit.unwrap().nullable(),
    stall: faultsSchema.shape.stall.unwrap().nullable(),
    cut: faultsSchema.shape.cut.unwrap().nullable(),
    slowStart: faultsSchema.shape.slowStart.unwrap().nullable(),
    reset: faultsSchema.shape.reset.unwrap().nullable(),
    healthDown: z.boolean().nullable(),
  })
  .partial()
  .strict();

export type Faults = z.output<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;
export type FaultsPatch = z.input<typeof faultsPatchSchema>;
export type FaultKind = Exclude<keyof Faults, "healthDown">;
type RequestFaults = Required<Omit<Faults, "healthDown">>;

export const faultKinds: readonly FaultKind[] = ["error", "rateLimit", "stall", "cut", "slowStart", "reset"];

export class FaultInjector {
  private faults: Faults = {};
  private readonly fired: Record<FaultKind, number> = {
    error: 0,
    rateLimit: 0,
    stall: 0,
    cut: 0,
    slowStart: 0,
    reset: 0,
  };

  constructor(
    initial: Faults = {},
    private readonly random: () => number = Math.random,
  ) {
    this.faults = { ...initial };
  }

  /** Applies a patch (validated here, so HTTP and programmatic callers get the same checks). */
  update(patch: FaultsPatch): Faults {
    const parsed = faultsPatchSchema.parse(patch);
    const next: Record<string, unknown> = { ...this.faults };
    for (const [key, value] of Object.entries(parsed)) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    this.faults = next;
    return this.current();
  }

  clear(): void {
    this.faults = {};
  }

  current(): Faults {
    return structuredClone(this.faults);
  }

  get healthDown(): boolean {
    return this.faults.healthDown === true;
  }

  firedCounts(): Record<FaultKind, number> {
    return { ...this.fired };
  }

  /** Decides whether a fault fires for this request; consumes one of its `next` if it does. */
  draw<K extends FaultKind>(kind: K): RequestFaults[K] | undefined {
    const fault = this.faults[kind] as RequestFaults[K] | undefined;
    if (!fault) return undefined;
    if (this.random() >= (fault.probability ?? 1)) return undefined;
    if (fault.next !== undefined) {
      if (fault.next <= 1) delete this.faults[kind];
      else this.faults[kind] = { ...fault, next: fault.next - 1 };
    }
    this.fired[kind] += 1;
    return fault;
  }
}
