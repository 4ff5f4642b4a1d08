// The state of one exchange: a single typed record that the steps of run-exchange.ts read and
// write in turn (open, admit, retrieve, write the prompt, attempt with failover, relay, settle).
// It holds what was asked, where it is being answered (ticket, lease, engine, backends tried), what
// the knowledge search found, what has been said so far (answer, reasoning, usage, timings) and how
// it ended. It lives for one exchange, in one process, and is never shared.
import type { AppError } from "../../../errors";
import type { SlaStep } from "../../../schemas/assistant";
import type { Citation, RagDecision, ToolRun } from "../../../schemas/chat";
import { newBoundary } from "../../chat/build-prompt";
import type { PreparedExchange } from "../../chat/prepare-exchange";
import type { ChatTurn, Engine, ToolCall, Usage } from "../../gateway/engines/engine";
import { createRetrievalOnlyEngine } from "../../gateway/engines/retrieval-only-engine";
import type { Lease, Ticket } from "../../gateway/gateway";
import type { Passage } from "../../knowledge/retrieval/search-passages";
import type { GenerationPlan } from "../../sla/plan-within-sla";
import type { Toolbox } from "../../tools/toolbox";

export interface RunOptions {
  signal: AbortSignal;
  includeReasoning: boolean;
}

export type ExchangeStatus = "completed" | "failed" | "cancelled";

export interface ExchangeState {
  readonly prepared: PreparedExchange;
  readonly options: RunOptions;
  /** The assistant's model (or SLA control's), then its fallbacks, each once: what admission may choose from. */
  models: string[];
  /** The generation settings in effect: the assistant's, or SLA control's degraded ones. */
  plan: GenerationPlan;
  /** What SLA control decided (null with control `off`, or when no backend could be planned for). */
  sla: SlaState | null;
  /** Stops the generation: the caller going away, or the exchange not being recordable. */
  readonly generation: AbortController;
  /** Undoes the link from the caller's signal to `generation` (set when the exchange opens). */
  unlinkSignal: () => void;
  /** Removes the exchange from the replica's running ones (set when it opens). */
  untrack: () => void;
  /** The exchange's record being written while the model works; `failure` once it could not be. */
  recording: { started: Promise<void>; failure: unknown };

  /** Admission's ticket for the current attempt (null: no backend at all, or no model needed). */
  ticket: Ticket | null;
  lease: Lease | null;
  engine: Engine;
  /** The model asked: the assistant's, or the fallback admission chose. */
  model: string;
  backend: { id: string; name: string } | null;
  /** Attempts started so far (1 on the first backend, 2 after one failover, ...). */
  attempt: number;
  /** Backends that failed this exchange before its first token; failover does not ask them again. */
  tried: Set<string>;

  rag: RagDecision;
  passages: Passage[];
  citations: Citation[];
  prompt: ChatTurn[];
  /** Whether the opening events (created, rag) have been handed out. */
  announced: boolean;

  /** The assistant's own tools for this question (null: none, or a backend that cannot run tools). */
  toolbox: Toolbox | null;
  /** Stops a listing of the tools still under way when the exchange ends first. */
  readonly toolsClosing: AbortController;
  /** Whether the model searches the knowledge as a tool (`rag.mode: tool` with a backend that can). */
  searchTool: boolean;
  /** The fence around knowledge in the prompt and around the search tool's results. */
  boundary: string;
  /** The calls Hearth ran, in order. */
  toolRuns: ToolRun[];
  /** The caller's function names (OpenAI-compatible callers that gave tools). */
  callerFunctions: ReadonlySet<string>;
  /** The current step's calls of the caller's functions: the model's index → the caller's (null: Hearth's). */
  callerIndexes: Map<number, number | null>;
  /** The model step under way: 1 for the first call of the model, 2 once tools have run... */
  step: number;
  /** Whether the step under way must answer (a bound of the tool loop is reached): `tool_choice: none`. */
  finalStep: boolean;
  /** Where the current step's text and reasoning begin in `answer` and `reasoning`. */
  stepStart: { answer: number; reasoning: number };

  answer: string;
  reasoning: string;
  /** The functions the model called in the current step, in the model's order (by index). */
  toolCalls: ToolCall[];
  /** Every step's usage, summed. */
  usage: Usage | null;
  /** The current step's own usage (what the completion model learns from). */
  stepUsage: Usage | null;
  finishReason: string;
  queueMs: number;
  /** From the exchange's start to its first token (reasoning or answer), on whichever attempt. */
  ttftMs: number | null;
  /** How long the attempt that answered took, from its request to its last token. */
  generationMs: number | null;
  /** Time on the backend, summed over the attempts that generated (usage's GPU time). */
  gpuMs: number;
  /** When admission began (ms since the question arrived): what came before is not overhead to predict. */
  admittedAtMs: number;
  /** The mean batch the answering attempt ran in (null until it has answered). */
  batch: number | null;

  /** "cancelled" until the exchange completes or fails: a consumer that leaves ends it as is. */
  outcome: ExchangeStatus;
  failure: AppError | null;
}

export interface SlaState {
  targetMs: number;
  predictedMs: number;
  /** The ladder steps applied (empty: the assistant's own settings). */
  steps: SlaStep[];
  /** The backend the prediction chose (admission's `prefer`); null for a refusal. */
  backendId: string | null;
}

/** Answers when no model serves the assistant: passages from its knowledge, or a notice. */
const retrievalOnly = createRetrievalOnlyEngine();

export function createExchangeState(prepared: PreparedExchange, options: RunOptions): ExchangeState {
  const { assistant } = prepared;
  return {
    prepared,
    options,
    models: [...new Set([assistant.model, ...assistant.fallback_models])],
    plan: {
      model: assistant.model,
      reasoningEffort: assistant.generation.reasoning_effort,
      maxOutputTokens: assistant.generation.max_output_tokens,
    },
    sla: null,
    generation: new AbortController(),
    unlinkSignal: () => undefined,
    untrack: () => undefined,
    recording: { started: Promise.resolve(), failure: null },
    ticket: null,
    lease: null,
    engine: retrievalOnly,
    model: assistant.model,
    backend: null,
    attempt: 0,
    tried: new Set(),
    rag: { decision: "forwarded", top_score: null, threshold: assistant.rag.score_threshold, passages: 0 },
    passages: [],
    citations: [],
    prompt: [],
    announced: false,
    toolbox: null,
    toolsClosing: new AbortController(),
    searchTool: false,
    boundary: newBoundary(),
    toolRuns: [],
    callerFunctions: new Set(),
    callerIndexes: new Map(),
    step: 1,
    finalStep: false,
    stepStart: { answer: 0, reasoning: 0 },
    answer: "",
    reasoning: "",
    toolCalls: [],
    usage: null,
    stepUsage: null,
    finishReason: "stop",
    queueMs: 0,
    ttftMs: null,
    generationMs: null,
    gpuMs: 0,
    admittedAtMs: 0,
    batch: null,
    outcome: "cancelled",
    failure: null,
  };
}

/** Milliseconds since the question was received (prepare-exchange.ts's clock). */
export function elapsedMs(state: ExchangeState): number {
  return Math.round(performance.now() - state.prepared.startedAt);
}
