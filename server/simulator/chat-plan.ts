// What a chat completion request will produce, decided before it runs: prompt size, how many
// reasoning and answer tokens, and why it will stop. Mirrors vLLM's rules: the completion budget
// is max_completion_tokens, else max_tokens, else what is left of the context; reasoning counts
// against that budget; `ignore_eos` generates to the budget and `min_tokens` lengthens the answer.
import { z } from "zod";
import { SimulatorHttpError } from "./http-util";
import type { ReasoningEffort, SimulatorConfig } from "./options";
import { answerTokens, lastUserText, promptTokenCount, reasoningTokens, type TokenAt } from "./text";

const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().nullish(),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  min_tokens: z.number().int().min(0).nullish(),
  ignore_eos: z.boolean().nullish(),
  reasoning_effort: z.enum(["low", "medium", "high"]).nullish(),
  n: z.literal(1, { error: "the simulator only supports n = 1" }).nullish(),
  tools: z.array(z.unknown()).nullish(),
});

export type ChatRequest = z.output<typeof chatRequestSchema>;

export interface ChatToken {
  channel: "reasoning" | "content";
  text: string;
}

export interface ChatPlan {
  promptTokens: number;
  reasoningCount: number;
  /** Reasoning plus answer tokens. */
  total: number;
  finishReason: "stop" | "length";
  tokenAt: (i: number) => ChatToken;
}

function completionBudget(config: SimulatorConfig, request: ChatRequest, promptTokens: number): number {
  const requested = request.max_completion_tokens ?? request.max_tokens;
  const total = promptTokens + (requested ?? 0);
  if (promptTokens >= config.maxModelLen || total > config.maxModelLen) {
    throw new SimulatorHttpError(
      400,
      `This model's maximum context length is ${config.maxModelLen} tokens. However, you requested ` +
        `${total} tokens (${promptTokens} in the messages, ${requested ?? 0} in the completion). ` +
        "Please reduce the length of the messages or completion.",
    );
  }
  return requested ?? config.maxModelLen - promptTokens;
}

export function planChat(
  config: SimulatorConfig,
  request: ChatRequest,
  model: string,
  reasoningPattern: RegExp,
): ChatPlan {
  const promptTokens = promptTokenCount(request.messages, request.tools ? JSON.stringify(request.tools) : "");
  const budget = completionBudget(config, request, promptTokens);
  const effort: ReasoningEffort = request.reasoning_effort ?? "medium";
  const reasoning = reasoningPattern.test(model) ? config.reasoningTokens[effort] : 0;
  const answer = Math.max(config.answerTokens, (request.min_tokens ?? 0) - reasoning);
  const natural = request.ignore_eos ? Infinity : reasoning + answer;
  const total = Math.min(natural, budget);
  const reasoningCount = Math.min(reasoning, total);
  const question = lastUserText(request.messages);
  const reasoningAt: TokenAt = reasoningTokens(question, effort);
  const answerAt: TokenAt = answerTokens(question);
  return {
    promptTokens,
    reasoningCount,
    total,
    finishReason: natural <= budget ? "stop" : "length",
    tokenAt: (i) =>
      i < reasoningCount
        ? { channel: "reasoning", text: reasoningAt(i) }
        : { channel: "content", text: answerAt(i - reasoningCount) },
  };
}
