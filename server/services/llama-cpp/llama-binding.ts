// node-llama-cpp (llama.cpp's Node binding) and its one Llama instance, both loaded once per
// process and only by processes that use them: the import alone takes about a second. Only the
// prebuilt CPU binary is used, so nothing is downloaded or compiled at run time. llama.cpp's own
// log goes to Hearth's logger, minus anything that could quote a file's bytes (see gguf-file.ts).
import type { Llama } from "node-llama-cpp";
import type * as NodeLlamaCppModule from "node-llama-cpp";
import { logger } from "../../logger";
import { describeError } from "./describe-error";
import { mayQuoteFileBytes, NOT_A_GGUF_MODEL } from "./gguf-file";

export type NodeLlamaCpp = typeof NodeLlamaCppModule;

interface Binding {
  module?: Promise<NodeLlamaCpp>;
  llama?: Promise<Llama>;
}

// On globalThis so that Next's dev reloads (and its several chunks) share one binding.
const globalForLlama = globalThis as unknown as { hearthLlama?: Binding };

function binding(): Binding {
  globalForLlama.hearthLlama ??= {};
  return globalForLlama.hearthLlama;
}

export function loadNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  const shared = binding();
  shared.module ??= import("node-llama-cpp");
  return shared.module;
}

/** The process's Llama; a failed start is not kept, so a later call tries again. */
export function getLlama(): Promise<Llama> {
  const shared = binding();
  shared.llama ??= loadNodeLlamaCpp()
    .then(({ getLlama: startLlama, LlamaLogLevel }) =>
      startLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.warn, logger: logLlamaMessage }),
    )
    .catch((error: unknown) => {
      shared.llama = undefined;
      throw new Error(`Could not start llama.cpp: ${describeError(error)}`);
    });
  return shared.llama;
}

export function logLlamaMessage(level: string, message: string): void {
  const text = mayQuoteFileBytes(message) ? `${NOT_A_GGUF_MODEL} (bad magic)` : message.trim();
  if (!text) return;
  if (level === "fatal" || level === "error") logger.error({ component: "llama.cpp" }, text);
  else if (level === "warn") logger.warn({ component: "llama.cpp" }, text);
  else logger.debug({ component: "llama.cpp" }, text);
}
