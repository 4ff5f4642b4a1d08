// The in-process engine: runs a GGUF model on the CPU through node-llama-cpp (llama.cpp's Node
// binding). The model comes from the process-wide cache in server/services/llama-cpp, so an engine
// and an embedder of the same file share one copy; it loads on the first request, and a failed load
// is retried by the next one. Each engine owns one context with N sequences (llama-cpp/
// sequence-pool.ts); a generation borrows one for its run (llama-cpp/stream-generation.ts). Closing
// refuses new work, stops the generations in flight and waits until llama.cpp has let go of them.
import { resolve } from "node:path";
import type { LlamaContext } from "node-llama-cpp";
import { describeError } from "../../llama-cpp/describe-error";
import { loadNodeLlamaCpp } from "../../llama-cpp/llama-binding";
import { acquireModel, releaseModel } from "../../llama-cpp/shared-models";
import { EngineError, type Engine } from "./engine";
import { createChatPromptBuilder } from "./llama-cpp/chat-prompt";
import { SequencePool } from "./llama-cpp/sequence-pool";
import {
  streamGeneration,
  type ActiveGeneration,
  type GenerationRuntime,
} from "./llama-cpp/stream-generation";

export interface LlamaCppEngineOptions {
  modelPath: string;
  /** Tokens per sequence (prompt and output). Default: the model's training context, at most 8,192. */
  contextSize?: number;
  /** How many generations run at once; more callers wait in line. Default 4. */
  sequences?: number;
  /** CPU threads for evaluation. Default: the cores llama.cpp finds useful for math. */
  threads?: number;
}

const DEFAULT_SEQUENCES = 4;
const DEFAULT_MAX_CONTEXT = 8_192;

interface Runtime extends GenerationRuntime {
  context: LlamaContext;
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
      yield* streamGeneration(opened, request, active);
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
  const model = await acquireModel(modelPath).catch((error: unknown) => {
    throw new EngineError("upstream", describeError(error));
  });
  const llm = await loadNodeLlamaCpp();
  try {
    const sequences = options.sequences ?? DEFAULT_SEQUENCES;
    const context = await model.createContext({
      sequences,
      contextSize: options.contextSize ?? Math.min(model.trainContextSize, DEFAULT_MAX_CONTEXT),
      threads: options.threads ?? model.llama.cpuMathCores,
    });
    const pool = new SequencePool(Array.from({ length: sequences }, () => context.getSequence()));
    return { llm, context, pool, buildPrompt: createChatPromptBuilder(llm, model) };
  } catch (error) {
    await releaseModel(modelPath);
    throw new EngineError("upstream", `Could not create a llama.cpp context: ${describeError(error)}`);
  }
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
