// POST /v1/chat/completions as vLLM serves it, streaming (SSE) or not. For reasoning models the
// reasoning comes apart from the answer, as vLLM's reasoning parser returns it: in
// `reasoning_content` and in `reasoning` (the newer name; both are sent), before any `content`.
// Function calls come as vLLM's `openai` tool parser returns them for GPT-OSS: after the
// reasoning, no content, `tool_calls` (streamed as a header per call, then argument fragments),
// and finish_reason "tool_calls".
import { randomUUID } from "node:crypto";
import { chatRequestSchema, planChat, type ChatPlan, type ChatRequest } from "./chat-plan";
import type { RequestScope, SimulatorContext } from "./context";
import { decode, type StreamFaults } from "./decode";
import { parseBody, readJson, sendJson, startEventStream, writeEvent } from "./http-util";
import { rejectByFault, trackRequest } from "./inference";
import { prefillMs, sleep } from "./latency";
import { resolveModel } from "./models";
import type { Lease } from "./scheduler";
import type { ToolCallFragment } from "./tool-calls";

interface Run {
  ctx: SimulatorContext;
  scope: RequestScope;
  request: ChatRequest;
  plan: ChatPlan;
  lease: Lease;
  faults: StreamFaults;
  head: { id: string; created: number; model: string };
}

function usage(plan: ChatPlan) {
  return {
    prompt_tokens: plan.promptTokens,
    total_tokens: plan.promptTokens + plan.total,
    completion_tokens: plan.total,
    prompt_tokens_details: null,
  };
}

interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** A stream delta for one fragment of a call: the header names the call, the rest extend it. */
function toolCallDelta(fragment: ToolCallFragment) {
  const { index, id, name, arguments: args } = fragment;
  const call =
    id === undefined
      ? { index, function: { arguments: args } }
      : { index, id, type: "function", function: { name, arguments: args } };
  return { tool_calls: [call] };
}

/** Adds a fragment to the calls of a whole (non-streamed) message, as a client accumulates them. */
function addFragment(calls: ToolCall[], fragment: ToolCallFragment): void {
  const call = (calls[fragment.index] ??= {
    id: fragment.id ?? "",
    type: "function",
    function: { name: fragment.name ?? "", arguments: "" },
  });
  call.function.arguments += fragment.arguments;
}

async function streamReply({ ctx, scope, request, plan, lease, faults, head }: Run): Promise<void> {
  const { res } = scope;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    id: head.id,
    object: "chat.completion.chunk",
    created: head.created,
    model: head.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  startEventStream(res);
  await writeEvent(res, chunk({ role: "assistant", content: "" }));
  for await (const i of decode(ctx, scope, lease, plan.total, faults)) {
    const token = plan.tokenAt(i);
    const finish = i === plan.total - 1 ? plan.finishReason : null;
    if (token.channel === "tool") {
      // A token of a call may complete no fragment, or several; the finish comes apart, as vLLM
      // sends it for the call's end token.
      for (const fragment of token.fragments) await writeEvent(res, chunk(toolCallDelta(fragment)));
      if (finish) await writeEvent(res, chunk({}, finish));
      continue;
    }
    const delta =
      token.channel === "reasoning"
        ? { reasoning_content: token.text, reasoning: token.text }
        : { content: token.text };
    await writeEvent(res, chunk(delta, finish));
  }
  if (request.stream_options?.include_usage) {
    await writeEvent(res, { ...chunk({}), choices: [], usage: usage(plan) });
  }
  await writeEvent(res, "[DONE]");
  res.end();
}

async function completeReply({ ctx, scope, plan, lease, faults, head }: Run): Promise<void> {
  let reasoning = "";
  let content = "";
  const toolCalls: ToolCall[] = [];
  for await (const i of decode(ctx, scope, lease, plan.total, faults)) {
    const token = plan.tokenAt(i);
    if (token.channel === "tool") token.fragments.forEach((fragment) => addFragment(toolCalls, fragment));
    else if (token.channel === "reasoning") reasoning += token.text;
    else content += token.text;
  }
  const hasReasoning = plan.reasoningCount > 0;
  // A call the budget cut short is left out, as vLLM's parser leaves out an unfinished call.
  const finished = toolCalls.filter((call, i) => call.function.arguments === plan.toolCalls[i]?.arguments);
  const message = {
    role: "assistant",
    content: content || (hasReasoning || plan.toolCalls.length > 0 ? null : ""),
    reasoning_content: hasReasoning ? reasoning : null,
    reasoning: hasReasoning ? reasoning : null,
    tool_calls: finished,
  };
  sendJson(scope.res, 200, {
    id: head.id,
    object: "chat.completion",
    created: head.created,
    model: head.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason, stop_reason: null }],
    usage: usage(plan),
    prompt_logprobs: null,
  });
}

async function run(ctx: SimulatorContext, scope: RequestScope): Promise<void> {
  const request = parseBody(chatRequestSchema, await readJson(scope.req));
  const model = resolveModel(ctx.config, request.model, "chat");
  const plan = planChat(ctx.config, request, model, ctx.reasoningPattern);
  rejectByFault(ctx);
  const slowStart = ctx.faults.draw("slowStart");
  const faults: StreamFaults = { stall: ctx.faults.draw("stall"), cut: ctx.faults.draw("cut") };
  const lease = await ctx.scheduler.acquire(plan.promptTokens, scope.signal);
  try {
    await sleep(prefillMs(ctx.config, plan.promptTokens) + (slowStart?.extraMs ?? 0), scope.signal);
    ctx.metrics.promptTokens += plan.promptTokens;
    const head = {
      id: `chatcmpl-${randomUUID().replaceAll("-", "")}`,
      created: Math.floor(Date.now() / 1000),
      model,
    };
    const reply = request.stream ? streamReply : completeReply;
    await reply({ ctx, scope, request, plan, lease, faults, head });
    ctx.metrics.e2eLatency.observe((performance.now() - scope.arrivedAt) / 1000);
    // vLLM labels the metric with the engine's reason: a tool-call turn ends on a stop token.
    ctx.metrics.recordSuccess(plan.finishReason === "tool_calls" ? "stop" : plan.finishReason);
  } finally {
    ctx.scheduler.release(lease);
  }
}

export function handleChatCompletions(ctx: SimulatorContext, scope: RequestScope): Promise<void> {
  return trackRequest(ctx, scope, () => run(ctx, scope));
}
