// How a request's turns become the model's prompt: node-llama-cpp's chat history, rendered with
// the model's own chat template through node-llama-cpp's chat wrapper resolution (which falls back
// to a generic template). The rendered prompt's tokens are the request's prompt usage, and what the
// sequence pool matches against the tokens a sequence already holds.
import type { ChatHistoryItem, ChatWrapper, LlamaModel, Token } from "node-llama-cpp";
import { describeError } from "../../../llama-cpp/describe-error";
import type { NodeLlamaCpp } from "../../../llama-cpp/llama-binding";
import { EngineError, type ChatTurn, type GenerateRequest } from "../engine";

export type ReasoningEffort = NonNullable<GenerateRequest["reasoningEffort"]>;

export interface ChatPrompt {
  history: ChatHistoryItem[];
  chatWrapper: ChatWrapper;
  tokens: Token[];
}

export type ChatPromptBuilder = (messages: ChatTurn[], effort: ReasoningEffort | undefined) => ChatPrompt;

/** Builds prompts for one model; its chat wrappers are resolved once per reasoning effort. */
export function createChatPromptBuilder(llm: NodeLlamaCpp, model: LlamaModel): ChatPromptBuilder {
  const wrappers = new Map<ReasoningEffort | "default", ChatWrapper>();

  // gpt-oss (Harmony) models take a reasoning effort in their template; other wrappers ignore it.
  const wrapperFor = (effort: ReasoningEffort | undefined): ChatWrapper => {
    const key = effort ?? "default";
    let wrapper = wrappers.get(key);
    if (!wrapper) {
      wrapper = llm.resolveChatWrapper(model, {
        fallbackToOtherWrappersOnJinjaError: true,
        customWrapperSettings: effort ? { harmony: { reasoningEffort: effort } } : undefined,
      });
      wrappers.set(key, wrapper);
    }
    return wrapper;
  };

  return (messages, effort) => {
    const history = toChatHistory(messages);
    try {
      const chatWrapper = wrapperFor(effort);
      const { contextText } = chatWrapper.generateContextState({ chatHistory: history });
      return { history, chatWrapper, tokens: contextText.tokenize(model.tokenizer) };
    } catch (error) {
      throw new EngineError("upstream", `Could not apply the model's chat template: ${describeError(error)}`);
    }
  };
}

function toChatHistory(messages: ChatTurn[]): ChatHistoryItem[] {
  const history = messages.map((turn): ChatHistoryItem => {
    if (turn.role === "assistant") return { type: "model", response: [turn.content] };
    // Tool turns never get here: the exchange gives them only to OpenAI-compatible backends.
    if (turn.role === "tool") throw new EngineError("bad_request", "llama.cpp is not given tool results");
    return { type: turn.role, text: turn.content };
  });
  // A trailing assistant turn is continued (a prefill); otherwise a new response is opened.
  if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}
