// The assistant's own tools (HTTP operations, MCP servers, knowledge search with `rag.mode: tool`),
// run by Hearth between the model's steps: the model calls them, Hearth runs the calls, gives the
// results back and asks the model again, until it answers. The loop is bounded by the assistant's
// `tool_limits` (steps, time, completion tokens): once a bound is reached, the next step is sent
// with `tool_choice: "none"`, so the model answers with what it has. Each step is admitted through
// the gateway like any question (the GPU is shared). Tools run only on an OpenAI-compatible backend;
// with any other engine the assistant answers without them (knowledge searched up front).
import type { ChatEvent } from "../../chat/chat-events";
import { AppError } from "../../../errors";
import type { ForwardedFields, ToolCall } from "../../gateway/engines/engine";
import { admitRequest } from "../../gateway/admit-request";
import { observeToolCall } from "../../observability/metrics";
import { withSpan } from "../../observability/tracing";
import { toCitations, searchUpFront } from "./retrieve";
import { createKnowledgeToolSource, type FoundPassages } from "../../tools/knowledge-tool";
import { openToolbox, secretValuesOf, sourcesFor } from "../../tools/toolbox";
import type { ToolSource } from "../../tools/tool-source";
import { elapsedMs, type ExchangeState } from "./exchange-state";
import { writePrompt } from "./write-prompt";

/** What the transcript keeps of a result (the model read all of it). */
const STORED_RESULT_CHARS = 4_000;
/** Calls run per step; a model asking for more is told the rest were not run. */
const MAX_CALLS_PER_STEP = 8;
/**
 * Characters of results one step gives the model, all calls together (about 64k tokens): a few
 * large responses must not overflow the model's context and fail the answer after tools ran.
 */
const MAX_STEP_RESULT_CHARS = 256_000;

/**
 * Before the first step: the question's tools, listed once (an MCP server's functions). Nothing to
 * do for an assistant without tools. A caller's function (OpenAI-compatible API) may not take the
 * name of one of the assistant's own.
 */
export async function openTools(state: ExchangeState): Promise<void> {
  const { assistant, tools } = state.prepared;
  const searchTool = assistant.rag.mode === "tool";
  if (!searchTool && tools.length === 0) return;
  const sources: ToolSource[] = [
    ...(searchTool ? [createKnowledgeToolSource(assistant, foundPassages(state), state.boundary)] : []),
    ...sourcesFor(tools),
  ];
  state.searchTool = searchTool;
  state.callerFunctions = new Set(callerFunctionNames(state));
  state.finalStep = boundReached(state);
  const signal = AbortSignal.any([state.generation.signal, state.toolsClosing.signal]);
  state.toolbox = await withSpan("tools.list", { "hearth.tools.sources": sources.length }, () =>
    openToolbox(sources, signal, secretValuesOf(tools)),
  );
  const clash = [...state.callerFunctions].find((name) => state.toolbox!.has(name));
  if (clash) {
    throw new AppError(
      "INVALID_INPUT",
      `tools: '${clash}' is the name of one of the assistant's own tools; rename the function`,
    );
  }
}

/** Last, whatever happened: a listing still under way stops, and the question's tools close. */
export async function closeTools(state: ExchangeState, opening: Promise<void>): Promise<void> {
  state.toolsClosing.abort();
  await opening.catch(() => undefined);
  await state.toolbox?.close();
}

/** The exchange's passages as the search tool adds to them: its citations follow. */
function foundPassages(state: ExchangeState): FoundPassages {
  return {
    get passages() {
      return state.passages;
    },
    add(passages) {
      const key = (p: { fileId: string; chunkIndex: number }) => `${p.fileId}#${p.chunkIndex}`;
      const ids = passages.map((passage) => {
        const known = state.passages.findIndex((p) => key(p) === key(passage));
        if (known >= 0) return known + 1;
        state.passages.push(passage);
        return state.passages.length;
      });
      state.citations = toCitations(state.passages);
      const scores = state.passages.map((passage) => passage.score);
      state.rag = { ...state.rag, passages: state.passages.length, top_score: Math.max(...scores) };
      return ids;
    },
  };
}

function callerFunctionNames(state: ExchangeState): string[] {
  const tools = (state.prepared.forwarded?.tools ?? []) as { function?: { name?: unknown } }[];
  return tools.flatMap((tool) => (typeof tool.function?.name === "string" ? [tool.function.name] : []));
}

/**
 * Once the engine of an attempt is known: an engine that cannot run tools (llama.cpp in-process,
 * no backend at all) answers without them, and an assistant that searches as a tool has its
 * knowledge searched up front instead, as `forward_when_no_context` does.
 */
export async function fitToolsToEngine(state: ExchangeState): Promise<void> {
  if (!state.toolbox || state.engine.kind === "openai_compatible") return;
  const { toolbox } = state;
  state.toolbox = null;
  void toolbox.close();
  if (state.searchTool) {
    state.searchTool = false;
    await searchUpFront(state);
    writePrompt(state);
  }
}

/**
 * What goes to the backend with this step: the caller's fields and the assistant's functions. At
 * the final step the assistant's functions are left out altogether (a model may call a function it
 * still sees, whatever tool_choice says), so the model answers with what it has.
 */
export function forwardedFor(state: ExchangeState): ForwardedFields | null {
  const { forwarded } = state.prepared;
  const { toolbox } = state;
  if (!toolbox || toolbox.functions.length === 0 || state.finalStep) return forwarded;
  const own = toolbox.functions.map((fn) => ({ type: "function", function: fn }));
  return { ...forwarded, tools: [...(forwarded?.tools ?? []), ...own] };
}

/** Whether a bound of the loop is reached, so the step about to start must answer. */
function boundReached(state: ExchangeState): boolean {
  const limits = state.prepared.assistant.tool_limits;
  return (
    state.step >= limits.max_steps ||
    elapsedMs(state) >= limits.max_ms ||
    (limits.max_tokens !== null && (state.usage?.completion_tokens ?? 0) >= limits.max_tokens)
  );
}

/**
 * After a step: the calls Hearth runs, or null when the answer is complete. Calls of the caller's
 * functions are the caller's; any other call is Hearth's, a function nobody offered included (it
 * is answered "no such tool", so the model can recover), whatever finish reason the backend gave
 * (some say `stop` beside calls). A step that also called the caller's functions ends the loop:
 * those calls go back to the caller, and Hearth's are recorded as not run. A step cut by the
 * token limit has no complete call to run.
 */
export function serverCallsOf(state: ExchangeState): ToolCall[] | null {
  const { toolbox } = state;
  const calls = state.toolCalls.filter(Boolean);
  if (!toolbox || calls.length === 0 || state.finishReason === "length") return null;
  const theirs = calls.filter((call) => state.callerFunctions.has(call.function.name));
  const ours = calls.filter((call) => !state.callerFunctions.has(call.function.name));
  if (ours.length === 0) return null;
  if (theirs.length === 0 && !state.finalStep) {
    const runnable = ours.slice(0, MAX_CALLS_PER_STEP);
    for (const call of ours.slice(MAX_CALLS_PER_STEP))
      state.toolRuns.push(notRun(state, call, "not run: too many calls in one step"));
    return runnable;
  }
  state.toolCalls = theirs;
  const reason =
    theirs.length > 0
      ? "not run: the caller's functions were called too"
      : "not run: the tool loop's limit was reached";
  for (const call of ours) state.toolRuns.push(notRun(state, call, reason));
  state.finishReason = theirs.length > 0 ? "tool_calls" : "stop";
  return null;
}

function notRun(state: ExchangeState, call: ToolCall, summary: string) {
  const kind = state.toolbox?.has(call.function.name) ? state.toolbox.kindOf(call.function.name) : "http";
  return runOf(state, call, { kind, ok: false, summary, content: "", durationMs: 0 });
}

/**
 * Runs one step's calls (at once, each bounded by its tool's own timeout), with a started event for
 * each and a completed event as each ends, in the model's order; then gives the model the calls
 * and their results and admits the next step.
 */
export async function* runServerTools(state: ExchangeState, calls: ToolCall[]): AsyncGenerator<ChatEvent> {
  const { toolbox } = state;
  if (!toolbox) return;
  const { signal } = state.generation;
  const step = state.step;
  for (const call of calls) {
    yield {
      type: "tool_call.started",
      id: call.id,
      name: call.function.name,
      kind: toolbox.kindOf(call.function.name),
      arguments: call.function.arguments,
      step,
    };
  }
  const running = calls.map((call) =>
    withSpan("tool.call", { "hearth.tool.name": call.function.name }, () => toolbox.run(call, signal)),
  );
  // A cancelled question rejects every call; the first rejection awaited ends the loop, the others
  // must not surface as unhandled.
  for (const run of running) run.catch(() => undefined);
  const results: string[] = [];
  for (const [i, call] of calls.entries()) {
    const result = await running[i]!;
    const { outcome } = result;
    observeToolCall(state.prepared.assistant.id, result.kind, outcome.ok, result.durationMs);
    const run = runOf(state, call, { ...outcome, kind: result.kind, durationMs: result.durationMs });
    state.toolRuns.push(run);
    const room = MAX_STEP_RESULT_CHARS - results.reduce((total, text) => total + text.length, 0);
    results.push(
      outcome.content.length <= room
        ? outcome.content
        : `${outcome.content.slice(0, Math.max(0, room))}\n[Cut: this step's results exceed ${MAX_STEP_RESULT_CHARS} characters.]`,
    );
    const { arguments: _args, result: _result, ...completed } = run;
    yield { type: "tool_call.completed", ...completed };
  }
  state.prompt.push(
    {
      role: "assistant",
      content: state.answer.slice(state.stepStart.answer),
      tool_calls: calls,
      ...(state.reasoning.length > state.stepStart.reasoning && {
        reasoning_content: state.reasoning.slice(state.stepStart.reasoning),
      }),
    },
    ...calls.map((call, i) => ({ role: "tool" as const, tool_call_id: call.id, content: results[i]! })),
  );
  await nextStep(state);
}

function runOf(
  state: ExchangeState,
  call: ToolCall,
  done: {
    kind: "knowledge" | "http" | "mcp";
    ok: boolean;
    summary: string;
    content: string;
    durationMs: number;
  },
) {
  return {
    id: call.id,
    name: call.function.name,
    kind: done.kind,
    arguments: call.function.arguments,
    ok: done.ok,
    summary: done.summary,
    result: done.content.slice(0, STORED_RESULT_CHARS),
    duration_ms: done.durationMs,
    step: state.step,
  };
}

/**
 * The next step: its own admission (preferring the backend that has the conversation in its
 * prefix cache), and a clean slate for the step's calls and failover.
 */
async function nextStep(state: ExchangeState): Promise<void> {
  state.step += 1;
  state.stepStart = { answer: state.answer.length, reasoning: state.reasoning.length };
  state.toolCalls = [];
  state.callerIndexes = new Map();
  state.stepUsage = null;
  state.tried.clear();
  state.finishReason = "stop";
  state.finalStep = boundReached(state);
  // The same model answers every step: the conversation so far (its tool turns) is for it, and a
  // fallback may be served by an engine that cannot run tools.
  state.ticket = await admitRequest({
    models: [state.model],
    sessionKey: state.prepared.sessionId,
    prefer: state.backend?.id ?? null,
    signal: state.options.signal,
  });
}
