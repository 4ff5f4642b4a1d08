// The in-process engine: runs a GGUF model on the CPU through node-llama-cpp (llama.cpp's Node
// binding). One model per file is loaded lazily and shared by every engine and embedder of the
// process (reference-counted, so the last `close()` frees it). Each engine owns one context with
// N sequences; a generation borrows a free sequence (callers queue FIFO when all are busy) and
// hands it back when llama.cpp has actually stopped, so an abort ends the caller's stream at once
// without ever handing a sequence that is still evaluating to the next caller. A sequence keeps
// its evaluated tokens after a clean finish, so the next turn of the same chat can reuse the
// prefix; after an abort or a failure it is cleared. The model's own chat template is applied
// through node-llama-cpp's chat wrapper resolution (which falls back to a generic template).
import { resolve } from "node:path";
import { open, stat } from "node:fs/promises";
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaChat,
  LlamaContext,
  LlamaContextSequence,
  LlamaEmbeddingContext,
  LlamaModel,
  Token,
} from "node-llama-cpp";
import type * as NodeLlamaCppModule from "node-llama-cpp";
import { logger } from "../../../logger";
import { EngineError, type ChatTurn, type Engine, type GenerateEvent, type GenerateRequest } from "./engine";

export interface LlamaCppEngineOptions {
  modelPath: string;
  /** Tokens per sequence (prompt and output). Default: the model's training context, at most 8,192. */
  contextSize?: number;
  /** How many generations run at once; more callers wait in line. Default 4. */
  sequences?: number;
  /** CPU threads for evaluation. Default: the cores llama.cpp finds useful for math. */
  threads?: number;
}

export interface LlamaCppEmbedderOptions {
  /** Longest input in tokens; longer texts are cut. Default: the model's training context, at most 2,048. */
  contextSize?: number;
  threads?: number;
}

export interface LlamaCppEmbedder {
  readonly dimension: number;
  embed(texts: string[]): Promise<number[][]>;
  close(): Promise<void>;
}

type NodeLlamaCpp = typeof NodeLlamaCppModule;
type ReasoningEffort = NonNullable<GenerateRequest["reasoningEffort"]>;

const DEFAULT_SEQUENCES = 4;
const DEFAULT_MAX_CONTEXT = 8_192;
const DEFAULT_MAX_EMBEDDING_CONTEXT = 2_048;
const DEFAULT_MAX_OUTPUT_TOKENS = 256;
// llama.cpp server's sampling defaults, used when the request leaves them open.
const SAMPLING_DEFAULTS = { temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05 };

// ---- The process-wide binding and model cache -------------------------------------------------

interface SharedModel {
  model: Promise<LlamaModel>;
  users: number;
}

interface LlamaRegistry {
  module?: Promise<NodeLlamaCpp>;
  llama?: Promise<Llama>;
  models: Map<string, SharedModel>;
}

// On globalThis so that Next's dev reloads do not load a second copy of a model.
const globalForLlama = globalThis as unknown as { hearthLlama?: LlamaRegistry };

function registry(): LlamaRegistry {
  globalForLlama.hearthLlama ??= { models: new Map() };
  return globalForLlama.hearthLlama;
}

/** node-llama-cpp takes about a second to import, so only processes that use it pay for it. */
function loadModule(): Promise<NodeLlamaCpp> {
  const shared = registry();
  shared.module ??= import("node-llama-cpp");
  return shared.module;
}

function getSharedLlama(): Promise<Llama> {
  const shared = registry();
  shared.llama ??= loadModule()
    .then(({ getLlama, LlamaLogLevel }) =>
      // The prebuilt CPU binary only: nothing may be downloaded or compiled at run time.
      getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.warn, logger: logLlamaMessage }),
    )
    .catch((error: unknown) => {
      shared.llama = undefined;
      throw new EngineError("upstream", `Could not start llama.cpp: ${describe(error)}`);
    });
  return shared.llama;
}

/**
 * llama.cpp's own log lines, minus what could quote a file's bytes: on a file that is not a GGUF it
 * logs the first four bytes it read as the "magic" (a secret's first characters, if the path
 * pointed at one).
 */
function logLlamaMessage(level: string, message: string): void {
  const text = /magic/i.test(message) ? "the file is not a GGUF model (bad magic)" : message.trim();
  if (!text) return;
  if (level === "fatal" || level === "error") logger.error({ component: "llama.cpp" }, text);
  else if (level === "warn") logger.warn({ component: "llama.cpp" }, text);
  else logger.debug({ component: "llama.cpp" }, text);
}

async function acquireModel(modelPath: string): Promise<LlamaModel> {
  const models = registry().models;
  let entry = models.get(modelPath);
  if (!entry) {
    const created: SharedModel = { model: loadModel(modelPath), users: 0 };
    created.model.catch(() => {
      if (models.get(modelPath) === created) models.delete(modelPath);
    });
    models.set(modelPath, created);
    entry = created;
  }
  entry.users += 1;
  try {
    return await entry.model;
  } catch (error) {
    entry.users -= 1;
    throw error;
  }
}

const GGUF_MAGIC = Buffer.from("GGUF");

/** Whether a file starts with GGUF's magic bytes (read here, so nothing ever quotes other bytes). */
async function hasGgufMagic(modelPath: string): Promise<boolean> {
  const handle = await open(modelPath, "r").catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(GGUF_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(GGUF_MAGIC);
  } finally {
    await handle.close();
  }
}

/**
 * Loads a model. A file that is not a GGUF is refused before node-llama-cpp reads it: its error
 * ("Invalid GGUF magic ... got 'xxxx'") and llama.cpp's log both quote the file's first bytes,
 * which made a model path an oracle on any readable file (a secret's first characters).
 */
async function loadModel(modelPath: string): Promise<LlamaModel> {
  const file = await stat(modelPath).catch(() => null);
  if (!file?.isFile()) throw new EngineError("upstream", `llama.cpp model file not found: ${modelPath}`);
  if (!(await hasGgufMagic(modelPath))) {
    throw new EngineError(
      "upstream",
      `Could not load the llama.cpp model ${modelPath}: the file is not a GGUF model`,
    );
  }
  const llama = await getSharedLlama();
  try {
    return await llama.loadModel({ modelPath });
  } catch (error) {
    const reason = /magic/i.test(describe(error)) ? "the file is not a GGUF model" : describe(error);
    throw new EngineError("upstream", `Could not load the llama.cpp model ${modelPath}: ${reason}`);
  }
}

async function releaseModel(modelPath: string): Promise<void> {
  const models = registry().models;
  const entry = models.get(modelPath);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  models.delete(modelPath);
  const model = await entry.model.catch(() => null);
  await model?.dispose();
}

// ---- The chat engine ---------------------------------------------------------------------------

interface Runtime {
  llm: NodeLlamaCpp;
  model: LlamaModel;
  context: LlamaContext;
  pool: SequencePool;
  wrappers: Map<ReasoningEffort | "default", ChatWrapper>;
}

interface ActiveGeneration {
  stop: AbortController;
  /** Settles once llama.cpp has stopped and the sequence is back in the pool. */
  settled: Promise<void>;
}

export function createLlamaCppEngine(options: LlamaCppEngineOptions): Engine {
  const modelPath = resolve(options.modelPath);
  const active = new Set<ActiveGeneration>();
  let runtime: Promise<Runtime> | undefined;
  let closed = false;

  const getRuntime = (): Promise<Runtime> => {
    if (closed) return Promise.reject(new EngineError("upstream", "The llama.cpp engine is closed"));
    runtime ??= openRuntime(modelPath, options).catch((error: unknown) => {
      runtime = undefined; // let a later request retry, e.g. once the model file is in place
      throw error;
    });
    return runtime;
  };

  return {
    kind: "llama_cpp",
    async *generate(request) {
      const opened = await untilAborted(getRuntime(), request.signal);
      yield* generate(opened, request, active);
    },
    async close() {
      closed = true;
      const opened = await runtime?.catch(() => undefined);
      if (!opened) return;
      opened.pool.close();
      for (const generation of active) generation.stop.abort();
      await Promise.all([...active].map((generation) => generation.settled));
      await opened.context.dispose();
      await releaseModel(modelPath);
    },
  };
}

async function openRuntime(modelPath: string, options: LlamaCppEngineOptions): Promise<Runtime> {
  const model = await acquireModel(modelPath);
  const llm = await loadModule();
  try {
    const sequences = options.sequences ?? DEFAULT_SEQUENCES;
    const context = await model.createContext({
      sequences,
      contextSize: options.contextSize ?? Math.min(model.trainContextSize, DEFAULT_MAX_CONTEXT),
      threads: options.threads ?? model.llama.cpuMathCores,
    });
    const pool = new SequencePool(Array.from({ length: sequences }, () => context.getSequence()));
    return { llm, model, context, pool, wrappers: new Map() };
  } catch (error) {
    await releaseModel(modelPath);
    throw new EngineError("upstream", `Could not create a llama.cpp context: ${describe(error)}`);
  }
}

async function* generate(
  runtime: Runtime,
  request: GenerateRequest,
  active: Set<ActiveGeneration>,
): AsyncGenerator<GenerateEvent> {
  const history = toChatHistory(request.messages);
  const { chatWrapper, promptTokens } = preparePrompt(runtime, history, request.reasoningEffort);
  const sequence = await runtime.pool.acquire(promptTokens, request.signal);

  let chat: LlamaChat;
  try {
    chat = new runtime.llm.LlamaChat({ contextSequence: sequence, chatWrapper });
  } catch (error) {
    runtime.pool.release(sequence);
    throw new EngineError("upstream", `llama.cpp generation failed: ${describe(error)}`);
  }

  const channel = new EventChannel<GenerateEvent>();
  const stop = new AbortController();
  const onAbort = () => {
    channel.fail(request.signal.reason);
    stop.abort();
  };
  request.signal.addEventListener("abort", onAbort, { once: true });
  if (request.signal.aborted) onAbort();

  let completionTokens = 0;
  const finished = chat
    .generateResponse(history, {
      signal: stop.signal,
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
        const usage = {
          prompt_tokens: promptTokens.length,
          completion_tokens: completionTokens,
          total_tokens: promptTokens.length + completionTokens,
        };
        channel.push({ type: "usage", usage });
        channel.push({ type: "finish", reason: finishReason(response.metadata.stopReason) });
        channel.end();
        return true;
      },
      (error: unknown) => {
        channel.fail(error);
        return false;
      },
    );
  const generation: ActiveGeneration = {
    stop,
    settled: finished.then(async (clean) => {
      try {
        chat.dispose({ disposeSequence: false });
        if (!clean) await sequence.clearHistory();
      } catch {
        // The context is being disposed (engine closing): nothing left to clean.
      } finally {
        runtime.pool.release(sequence);
        active.delete(generation);
      }
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
    throw new EngineError("upstream", `llama.cpp generation failed: ${describe(error)}`, { afterFirstToken });
  } finally {
    request.signal.removeEventListener("abort", onAbort);
    // A consumer that stops reading early (or an abort) stops llama.cpp; the sequence returns to
    // the pool in `settled`, without making this caller wait for the evaluation in flight.
    stop.abort();
  }
}

function toChatHistory(messages: ChatTurn[]): ChatHistoryItem[] {
  const history = messages.map((turn): ChatHistoryItem => {
    if (turn.role === "assistant") return { type: "model", response: [turn.content] };
    return { type: turn.role, text: turn.content };
  });
  // A trailing assistant turn is continued (a prefill); otherwise a new response is opened.
  if (history.at(-1)?.type !== "model") history.push({ type: "model", response: [] });
  return history;
}

/** gpt-oss (Harmony) models take a reasoning effort in their template; other wrappers ignore it. */
function chatWrapperFor(runtime: Runtime, effort: ReasoningEffort | undefined): ChatWrapper {
  const key = effort ?? "default";
  let wrapper = runtime.wrappers.get(key);
  if (!wrapper) {
    wrapper = runtime.llm.resolveChatWrapper(runtime.model, {
      fallbackToOtherWrappersOnJinjaError: true,
      customWrapperSettings: effort ? { harmony: { reasoningEffort: effort } } : undefined,
    });
    runtime.wrappers.set(key, wrapper);
  }
  return wrapper;
}

/** The chat wrapper for this request and the prompt it renders (its length is the prompt usage). */
function preparePrompt(
  runtime: Runtime,
  history: ChatHistoryItem[],
  effort: ReasoningEffort | undefined,
): { chatWrapper: ChatWrapper; promptTokens: Token[] } {
  try {
    const chatWrapper = chatWrapperFor(runtime, effort);
    const { contextText } = chatWrapper.generateContextState({ chatHistory: history });
    return { chatWrapper, promptTokens: contextText.tokenize(runtime.model.tokenizer) };
  } catch (error) {
    throw new EngineError("upstream", `Could not apply the model's chat template: ${describe(error)}`);
  }
}

function finishReason(stopReason: string): string {
  if (stopReason === "maxTokens") return "length";
  if (stopReason === "functionCalls") return "tool_calls";
  return "stop";
}

interface Waiter {
  grant(sequence: LlamaContextSequence): void;
  fail(error: Error): void;
}

/**
 * The context's sequences, lent one generation at a time. Waiters are served first come, first
 * served; a free sequence whose cached tokens share the longest prefix with the prompt is
 * preferred, so a follow-up turn skips re-evaluating the conversation so far.
 */
class SequencePool {
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(private readonly free: LlamaContextSequence[]) {}

  acquire(promptTokens: Token[], signal: AbortSignal): Promise<LlamaContextSequence> {
    if (this.closed) return Promise.reject(new EngineError("upstream", "The llama.cpp engine is closed"));
    if (signal.aborted) return Promise.reject(new EngineError("aborted", "The generation was cancelled"));
    if (this.free.length > 0 && this.waiters.length === 0) {
      return Promise.resolve(this.takeBest(promptTokens));
    }
    return new Promise((resolvePromise, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new EngineError("aborted", "The generation was cancelled while waiting for a free sequence"));
      };
      const waiter: Waiter = {
        grant: (sequence: LlamaContextSequence) => {
          signal.removeEventListener("abort", onAbort);
          resolvePromise(sequence);
        },
        fail: (error: Error) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(sequence: LlamaContextSequence): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter.grant(sequence);
    else this.free.push(sequence);
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.fail(new EngineError("upstream", "The llama.cpp engine is closed"));
    }
  }

  private takeBest(promptTokens: Token[]): LlamaContextSequence {
    let best = 0;
    let bestShared = -1;
    this.free.forEach((sequence, index) => {
      const shared = sequence.compareContextTokens(promptTokens).firstDifferentIndex;
      if (shared > bestShared) [best, bestShared] = [index, shared];
    });
    const [sequence] = this.free.splice(best, 1);
    if (!sequence) throw new Error("SequencePool.takeBest called with no free sequence");
    return sequence;
  }
}

/** Turns node-llama-cpp's callbacks into a pull stream; a failure overtakes buffered events. */
class EventChannel<T> {
  private readonly buffer: T[] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.buffer.push(item);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    while (true) {
      if (this.failure) throw this.failure.error;
      if (this.buffer.length > 0) {
        yield* this.buffer.splice(0);
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolvePromise) => (this.wake = resolvePromise));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

// ---- Embeddings --------------------------------------------------------------------------------

/**
 * Loads (or shares) the model and opens an embedding context on it. Vectors are the model's raw
 * output, not normalized; texts longer than the context are cut to fit.
 */
export async function createLlamaCppEmbedder(
  modelPath: string,
  options: LlamaCppEmbedderOptions = {},
): Promise<LlamaCppEmbedder> {
  const path = resolve(modelPath);
  const model = await acquireModel(path);
  const contextSize = options.contextSize ?? Math.min(model.trainContextSize, DEFAULT_MAX_EMBEDDING_CONTEXT);
  let context: LlamaEmbeddingContext;
  try {
    context = await model.createEmbeddingContext({
      contextSize,
      batchSize: contextSize, // non-causal embedding models need the whole input in one batch
      threads: options.threads ?? model.llama.cpuMathCores,
    });
  } catch (error) {
    await releaseModel(path);
    throw new EngineError("upstream", `Could not create a llama.cpp embedding context: ${describe(error)}`);
  }
  // Room for the BOS and EOS tokens the context adds, and the one position it keeps free.
  const maxInputTokens = Math.max(1, contextSize - 3);
  const dimension = model.embeddingVectorSize;

  return {
    dimension,
    async embed(texts) {
      const vectors: number[][] = [];
      for (const text of texts) {
        const tokens = model.tokenize(text).slice(0, maxInputTokens);
        if (tokens.length === 0) {
          vectors.push(new Array<number>(dimension).fill(0));
          continue;
        }
        try {
          vectors.push(Array.from((await context.getEmbeddingFor(tokens)).vector));
        } catch (error) {
          throw new EngineError("upstream", `llama.cpp embedding failed: ${describe(error)}`);
        }
      }
      return vectors;
    },
    async close() {
      await context.dispose();
      await releaseModel(path);
    },
  };
}

/** Model loading can take a while; a caller that gives up should not have to wait for it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new EngineError("aborted", "The generation was cancelled"));
  return new Promise((resolvePromise, reject) => {
    const onAbort = () => reject(new EngineError("aborted", "The generation was cancelled"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolvePromise, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
