// The GGUF models loaded in this process, one per file, shared by every llama.cpp engine (the
// gateway) and embedder (knowledge) that uses the file. A model loads lazily on its first
// `acquireModel` and is reference-counted: the last `releaseModel` frees it. A file is checked
// before llama.cpp reads it (gguf-file.ts). Errors are plain Errors whose message is an operator's
// diagnostic; each caller turns them into its own error type.
import { resolve } from "node:path";
import type { LlamaModel } from "node-llama-cpp";
import { describeError } from "./describe-error";
import { assertGgufFile, mayQuoteFileBytes, NOT_A_GGUF_MODEL } from "./gguf-file";
import { getLlama } from "./llama-binding";

interface SharedModel {
  model: Promise<LlamaModel>;
  users: number;
}

// On globalThis so that Next's dev reloads (and its several chunks) never load a model twice.
const globalForModels = globalThis as unknown as { hearthLlamaModels?: Map<string, SharedModel> };

function sharedModels(): Map<string, SharedModel> {
  globalForModels.hearthLlamaModels ??= new Map();
  return globalForModels.hearthLlamaModels;
}

/** The model in this file, loading it if no one holds it; pair every success with `releaseModel`. */
export async function acquireModel(modelPath: string): Promise<LlamaModel> {
  const path = resolve(modelPath);
  const models = sharedModels();
  let entry = models.get(path);
  if (!entry) {
    const created: SharedModel = { model: loadModel(path), users: 0 };
    // A failed load is forgotten, so a later call retries (e.g. once the file is in place).
    created.model.catch(() => {
      if (models.get(path) === created) models.delete(path);
    });
    models.set(path, created);
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

export async function releaseModel(modelPath: string): Promise<void> {
  const path = resolve(modelPath);
  const models = sharedModels();
  const entry = models.get(path);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  models.delete(path);
  const model = await entry.model.catch(() => null);
  await model?.dispose();
}

async function loadModel(modelPath: string): Promise<LlamaModel> {
  await assertGgufFile(modelPath);
  const llama = await getLlama();
  try {
    return await llama.loadModel({ modelPath });
  } catch (error) {
    const reason = mayQuoteFileBytes(describeError(error)) ? NOT_A_GGUF_MODEL : describeError(error);
    throw new Error(`Could not load the llama.cpp model ${modelPath}: ${reason}`);
  }
}
