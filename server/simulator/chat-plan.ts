// What a chat completion request will produce, decided before it runs: prompt size, how many
// reasoning and answer tokens (or which tool calls), and why it will stop. Mirrors vLLM's rules:
// the completion budget is max_completion_tokens, else max_tokens, else what is left of the
// context; reasoning counts against that budget; `ignore_eos` generates to the budget and
// `min_tokens` lengthens the answer (both for text answers only: a tool-call turn ends with its
// calls). Which tools are called, and how, is tool-calls.ts's.
import { z } from "zod";
import { SimulatorHttpError } from "./http-util";
import type { ReasoningEffort, SimulatorConfig } from "./options";
import { answerTokens, lastUserText, promptTokenCount, reasoningTokens, type TokenAt } from "./text";
import {
  chooseToolCalls,
  messageToolCallSchema,
  toolCallFragments,
  toolChoiceSchema,
  toolResultAnswer,
  toolSchema,
  type PlannedToolCall,
  type ToolCallFragment,
} from "./tool-calls";

const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
  tool_calls: z.array(messageToolCallSchema).nullish(),
  tool_call_id: z.string().nullish(),
  name: z.string().nullish(),
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
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
});

export type ChatRequest = z.output<typeof chatRequestSchema>;

/** A generated token: a word of reasoning or answer, or a step of the tool calls. */
export type ChatToken =
  | { channel: "reasoning" | "content"; text: string }
  /** What this token adds to the calls; often nothing, sometimes several fragments. */
  | { channel: "tool"; fragments: readonly ToolCallFragment[] };

export interface ChatPlan {
  promptTokens: number;
  reasoningCount: number;
  /** Reasoning plus answer (or tool call) tokens. */
  total: number;
  finishReason: "stop" | "length" | "tool_calls";
  /** The calls the model makes, whole, none for a text answer ("length": the budget cuts them). */
  toolCalls: readonly PlannedToolCall[];
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
  const toolCalls = chooseToolCalls(request);
  const promptTokens = promptTokenCount(request.messages, request.tools ? JSON.stringify(request.tools) : "");
  const budget = completionBudget(config, request, promptTokens);
  const effort: ReasoningEffort = request.reasoning_effort ?? "medium";
  const reasoning = reasoningPattern.test(model) ? config.reasoningTokens[effort] : 0;
  const question = lastUserText(request.messages);
  const reasoningAt: TokenAt = reasoningTokens(question, effort);
  const reasoningToken = (i: number): ChatToken => ({ channel: "reasoning", text: reasoningAt(i) });

  if (toolCalls.length > 0) {
    const fragmentsAt = toolCallFragments(toolCalls);
    const natural = reasoning + fragmentsAt.length;
    const total = Math.min(natural, budget);
    const reasoningCount = Math.min(reasoning, total);
    return {
      promptTokens,
      reasoningCount,
      total,
      finishReason: natural <= budget ? "tool_calls" : "length",
      toolCalls,
      tokenAt: (i) =>
        i < reasoningCount
          ? reasoningToken(i)
          : { channel: "tool", fragments: fragmentsAt[i - reasoningCount] ?? [] },
    };
  }

  const answer = Math.max(config.answerTokens, (request.min_tokens ?? 0) - reasoning);
  const natural = request.ignore_eos ? Infinity : reasoning + answer;
  const total = Math.min(natural, budget);
  const reasoningCount = Math.min(reasoning, total);
  const answerAt: TokenAt = toolResultAnswer(request.messages) ?? answerTokens(question);
  return {
    promptTokens,
    reasoningCount,
    total,
    finishReason: natural <= budget ? "stop" : "length",
    toolCalls: [],
    tokenAt: (i) =>
      i < reasoningCount ? reasoningToken(i) : { channel: "content", text: answerAt(i - reasoningCount) },
  };
}
