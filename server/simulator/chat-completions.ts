// POST /v1/chat/completions as vLLM serves it, streaming (SSE) or not. For reasoning models the
// reasoning comes apart from the answer, as vLLM's reasoning parser returns it: in
// `reasoning_content` and in `reasoning` (the newer name; both are sent), before any `content`.
import { randomUUID } from "node:crypto";
import { chatRequestSchema, planChat, type ChatPlan, type ChatRequest } from "./chat-plan";
import type { RequestScope, SimulatorContext } from "./context";
import { decode, type StreamFaults } from "./decode";
import { parseBody, readJson, sendJson, startEventStream, writeEvent } from "./http-util";
import { rejectByFault, trackRequest } from "./inference";
import { prefillMs, sleep } from "./latency";
import { resolveModel } from "./models";
import type { Lease } from "./scheduler";

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
    const delta =
      token.channel === "reasoning"
        ? { reasoning_content: token.text, reasoning: token.text }
        : { content: token.text };
    await writeEvent(res, chunk(delta, i === plan.total - 1 ? plan.finishReason : null));
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
  for await (const i of decode(ctx, scope, lease, plan.total, faults)) {
    const token = plan.tokenAt(i);
    if (token.channel === "reasoning") reasoning += token.text;
    else content += token.text;
  }
  const hasReasoning = plan.reasoningCount > 0;
  const message = {
    role: "assistant",
    content: content || (hasReasoning ? null : ""),
    reasoning_content: hasReasoning ? reasoning : null,
    reasoning: hasReasoning ? reasoning : null,
    tool_calls: [],
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
    ctx.metrics.recordSuccess(plan.finishReason);
  } finally {
    ctx.scheduler.release(lease);
  }
}

export function handleChatCompletions(ctx: SimulatorContext, scope: RequestScope): Promise<void> {
  return trackRequest(ctx, scope, () => run(ctx, scope));
}
