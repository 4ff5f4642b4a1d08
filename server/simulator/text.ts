// What the simulator "says" and how it counts tokens. Both are deliberately simple and
// deterministic so tests can assert on them:
// - A prompt's tokens are approximated as ceil(characters / 4) per message plus 4 per message
//   and 2 for the reply priming, plus the same rule over the name and arguments of each tool call
//   an assistant message carries and over the JSON of `tools` (the usual rule of thumb for
//   English with a BPE tokenizer; the real o200k count differs by roughly +-25%).
// - A generated token is one word with its leading space, so completion_tokens is exactly the
//   number of deltas streamed and the answer text is "Simulated answer to: <question>" followed
//   by filler words that say what they are.

export type MessageContent = string | null | undefined | ReadonlyArray<{ type: string; text?: string }>;

export interface PromptMessage {
  role: string;
  content?: MessageContent;
  tool_calls?: ReadonlyArray<{ function: { name: string; arguments: string } }> | null;
}

export const ECHO_WORDS = 40;
const REASONING_ECHO_WORDS = 16;
const ANSWER_FILLER = "This is simulated text from the Hearth vLLM simulator, not a real model.".split(" ");
const REASONING_FILLER = "Thinking step by step in simulated reasoning before answering.".split(" ");

/** Approximate token count of a text: about four characters per token. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function contentText(content: MessageContent): string {
  if (typeof content === "string") return content;
  if (!content) return "";
  return content.map((part) => part.text ?? "").join("\n");
}

export function promptTokenCount(messages: readonly PromptMessage[], extra = ""): number {
  const perMessage = messages.reduce(
    (sum, message) =>
      sum +
      4 +
      approxTokens(contentText(message.content)) +
      (message.tool_calls ?? []).reduce(
        (calls, call) => calls + approxTokens(call.function.name + call.function.arguments),
        0,
      ),
    0,
  );
  return perMessage + 2 + approxTokens(extra);
}

export function lastUserText(messages: readonly PromptMessage[]): string {
  const last = messages.findLast((message) => message.role === "user");
  return last ? contentText(last.content) : "";
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

export function echo(text: string, limit: number): string[] {
  const all = words(text);
  return all.length > limit ? [...all.slice(0, limit), "…"] : all;
}

/** Token `i` of a generated text: the lead words, then the filler repeated, one word each. */
export type TokenAt = (i: number) => string;

function wordTokens(lead: readonly string[], filler: readonly string[]): TokenAt {
  return (i) => {
    const word = (i < lead.length ? lead[i] : filler[(i - lead.length) % filler.length]) ?? "";
    return i === 0 ? word : ` ${word}`;
  };
}

/** An answer: the given lead words, then the answer filler. */
export function answerWithLead(lead: readonly string[]): TokenAt {
  return wordTokens(lead, ANSWER_FILLER);
}

export function answerTokens(question: string): TokenAt {
  return answerWithLead(["Simulated", "answer", "to:", ...echo(question, ECHO_WORDS)]);
}

export function reasoningTokens(question: string, effort: string): TokenAt {
  const lead = [
    "Simulated",
    "reasoning",
    "at",
    effort,
    "effort",
    "about:",
    ...echo(question, REASONING_ECHO_WORDS),
  ];
  return wordTokens(lead, REASONING_FILLER);
}
