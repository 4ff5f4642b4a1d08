// Fixtures for unit tests of the exchange's steps (server/services/runtime/exchange): a state
// record for a prepared question without a database, an attempt whose span records what it is
// told, and a lease and a ticket that remember how they were released.
import type { AssistantDto } from "../schemas/assistant";
import type { PreparedExchange } from "../services/chat/prepare-exchange";
import type { Lease, LeaseOutcome, Ticket } from "../services/gateway/gateway";
import type { Span } from "../services/observability/tracing";
import type { Attempt } from "../services/runtime/exchange/attempt";
import {
  createExchangeState,
  type ExchangeState,
  type RunOptions,
} from "../services/runtime/exchange/exchange-state";

const assistant = {
  id: "support",
  instructions: "Answer briefly.",
  model: "gpt-oss-20b",
  fallback_models: ["gpt-oss-120b", "gpt-oss-20b"],
  generation: { temperature: null, top_p: null, max_output_tokens: null, reasoning_effort: "medium" },
  rag: { score_threshold: 0.3, refusal_message: "I can only answer from my documents." },
  sla: { avg_ms: 10_000 },
  tools: [],
  tool_limits: { max_steps: 4, max_ms: 60_000, max_tokens: null },
} as unknown as AssistantDto;

export function testPrepared(overrides: Partial<PreparedExchange> = {}): PreparedExchange {
  const question = overrides.question ?? "What is Hearth?";
  return {
    assistant,
    sessionId: "sess_1",
    existingSession: null,
    user: null,
    metadata: {},
    channel: "api",
    userMessageId: "msg_q",
    answerMessageId: "msg_a",
    question,
    history: [],
    closing: [{ role: "user", content: question }],
    searchText: question,
    forwarded: null,
    tools: [],
    apiKeyId: null,
    releaseQuotaSlots: () => undefined,
    receivedAt: new Date(),
    startedAt: performance.now(),
    requestId: "req_1",
    ...overrides,
  };
}

export function testState(options: Partial<RunOptions> = {}): ExchangeState {
  return createExchangeState(testPrepared(), {
    signal: options.signal ?? new AbortController().signal,
    includeReasoning: options.includeReasoning ?? false,
  });
}

/** A span that keeps its attributes, events and status (the real ones are no-ops in tests). */
export interface RecordedSpan extends Span {
  attributes: Record<string, unknown>;
  events: string[];
  failed: boolean;
  ended: number;
}

export function recordedSpan(): RecordedSpan {
  const span = {
    attributes: {} as Record<string, unknown>,
    events: [] as string[],
    failed: false,
    ended: 0,
    setAttribute(key: string, value: unknown) {
      span.attributes[key] = value;
      return span;
    },
    setAttributes(attributes: Record<string, unknown>) {
      Object.assign(span.attributes, attributes);
      return span;
    },
    addEvent(name: string) {
      span.events.push(name);
      return span;
    },
    recordException() {},
    setStatus() {
      span.failed = true;
      return span;
    },
    end() {
      span.ended += 1;
    },
  };
  return span as unknown as RecordedSpan;
}

export interface TestLease extends Lease {
  released: LeaseOutcome[];
}

export function testLease(backend = { id: "b1", name: "sim-a" }, queueMs = 0): TestLease {
  const released: LeaseOutcome[] = [];
  return {
    backend: { ...backend, models: ["gpt-oss-20b"] } as unknown as Lease["backend"],
    model: "gpt-oss-20b",
    queueMs,
    batch: () => 1,
    released,
    release: (outcome) => void released.push(outcome),
  };
}

/** A ticket that counts how often it was cancelled (given back, or its queue left). */
export function testTicket(lease: Lease, queued = false): Ticket & { cancelled: number } {
  const ticket = {
    model: lease.model,
    queued,
    lease: Promise.resolve(lease),
    cancelled: 0,
    cancel: () => void (ticket.cancelled += 1),
  };
  return ticket;
}

export function testAttempt(lease: Lease | null = testLease()): Attempt & { span: RecordedSpan } {
  return { lease, span: recordedSpan(), startedAt: performance.now(), ttftMs: null, events: null };
}
