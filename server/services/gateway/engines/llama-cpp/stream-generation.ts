// One generation as a stream of GenerateEvents. It borrows a sequence from the pool and hands it
// back only once llama.cpp has actually stopped, so an abort (or a caller that stops reading) ends
// the caller's stream at once without ever lending a sequence that is still evaluating. After a
// clean finish the sequence keeps its tokens, for the next turn of the same chat to reuse; after
// an abort or a failure it is cleared.
import type { LlamaChat, LlamaContextSequence } from "node-llama-cpp";
import { describeError } from "../../../llama-cpp/describe-error";
import type { NodeLlamaCpp } from "../../../llama-cpp/llama-binding";
import { EngineError, type GenerateEvent, type GenerateRequest } from "../engine";
import type { ChatPrompt, ChatPromptBuilder } from "./chat-prompt";
import { EventChannel } from "./event-channel";
import type { SequencePool } from "./sequence-pool";

export interface GenerationRuntime {
  llm: NodeLlamaCpp;
  pool: SequencePool;
  buildPrompt: ChatPromptBuilder;
}

export interface ActiveGeneration {
  stop: AbortController;
  /** Settles once llama.cpp has stopped and the sequence is back in the pool. */
  settled: Promise<void>;
}

const DEFAULT_MAX_OUTPUT_TOKENS = 256;
// llama.cpp server's sampling defaults, used when the request leaves them open.
const SAMPLING_DEFAULTS = { temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05 };

/** Streams one generation; it stays in `active` until its sequence is back in the pool. */
export async function* streamGeneration(
  runtime: GenerationRuntime,
  request: GenerateRequest,
  active: Set<ActiveGeneration>,
): AsyncGenerator<GenerateEvent> {
  const prompt = runtime.buildPrompt(request.messages, request.reasoningEffort);
  const sequence = await runtime.pool.acquire(prompt.tokens, request.signal);
  const chat = openChat(runtime, sequence, prompt);

  const channel = new EventChannel<GenerateEvent>();
  const stop = new AbortController();
  const onAbort = () => {
    channel.fail(request.signal.reason);
    stop.abort();
  };
  request.signal.addEventListener("abort", onAbort, { once: true });
  if (request.signal.aborted) onAbort();

  const finished = respond(chat, prompt, request, stop.signal, channel);
  const generation: ActiveGeneration = {
    stop,
    settled: finished.then(async (clean) => {
      await handBack(runtime.pool, chat, sequence, clean);
      active.delete(generation);
    }),
  };
  active.add(generation);

  let afterFirstToken = false;
  try {
    for await (const event of channel) {
      if (event.type === "output_text.delta" || event.type === "reasoning.delta") afterFirstToken = true;
      yield event;
    }
  } catch (error) {
    if (request.signal.aborted) {
      throw new EngineError("aborted", "The generation was cancelled", { afterFirstToken });
    }
    throw new EngineError("upstream", `llama.cpp generation failed: ${describeError(error)}`, {
      afterFirstToken,
    });
  } finally {
    request.signal.removeEventListener("abort", onAbort);
    // A consumer that stops reading early (or an abort) stops llama.cpp; the sequence returns to
    // the pool in `settled`, without making this caller wait for the evaluation in flight.
    stop.abort();
  }
}

function openChat(runtime: GenerationRuntime, sequence: LlamaContextSequence, prompt: ChatPrompt): LlamaChat {
  try {
    return new runtime.llm.LlamaChat({ contextSequence: sequence, chatWrapper: prompt.chatWrapper });
  } catch (error) {
    runtime.pool.release(sequence);
    throw new EngineError("upstream", `llama.cpp generation failed: ${describeError(error)}`);
  }
}

/** Runs the response into the channel; resolves true after a clean finish, false after a failure. */
function respond(
  chat: LlamaChat,
  prompt: ChatPrompt,
  request: GenerateRequest,
  signal: AbortSignal,
  channel: EventChannel<GenerateEvent>,
): Promise<boolean> {
  let completionTokens = 0;
  return chat
    .generateResponse(prompt.history, {
      signal,
      maxTokens: Math.max(1, request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS),
      temperature: request.temperature ?? SAMPLING_DEFAULTS.temperature,
      topP: request.topP ?? SAMPLING_DEFAULTS.topP,
      topK: SAMPLING_DEFAULTS.topK,
      minP: SAMPLING_DEFAULTS.minP,
      onToken: (tokens) => (completionTokens += tokens.length),
      onResponseChunk: (chunk) => {
        if (!chunk.text) return;
        if (chunk.type === undefined) channel.push({ type: "output_text.delta", text: chunk.text });
        else if (chunk.segmentType === "thought") channel.push({ type: "reasoning.delta", text: chunk.text });
      },
    })
    .then(
      (response) => {
        finish(channel, prompt.tokens.length, completionTokens, response.metadata.stopReason);
        return true;
      },
      (error: unknown) => {
        channel.fail(error);
        return false;
      },
    );
}

function finish(
  channel: EventChannel<GenerateEvent>,
  promptTokens: number,
  completionTokens: number,
  stopReason: string,
): void {
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  channel.push({ type: "usage", usage });
  channel.push({ type: "finish", reason: finishReason(stopReason) });
  channel.end();
}

function finishReason(stopReason: string): string {
  if (stopReason === "maxTokens") return "length";
  if (stopReason === "functionCalls") return "tool_calls";
  return "stop";
}

/** Returns the sequence to the pool, cleared unless the generation finished cleanly. */
async function handBack(
  pool: SequencePool,
  chat: LlamaChat,
  sequence: LlamaContextSequence,
  clean: boolean,
): Promise<void> {
  try {
    chat.dispose({ disposeSequence: false });
    if (!clean) await sequence.clearHistory();
  } catch {
    // The context is being disposed (engine closing): nothing left to clean.
  } finally {
    pool.release(sequence);
  }
}
