// The replica's completion model (one per process, kept on globalThis so that Next's module
// instances share it): learned from every answer, whatever the assistant's SLA control.
import { CompletionModel } from "./completion-model";

const globalForSla = globalThis as unknown as { hearthCompletionModel?: CompletionModel };

export function completionModel(): CompletionModel {
  globalForSla.hearthCompletionModel ??= new CompletionModel();
  return globalForSla.hearthCompletionModel;
}

/** A fresh model (tests: each starts cold). */
export function replaceCompletionModel(model: CompletionModel = new CompletionModel()): CompletionModel {
  globalForSla.hearthCompletionModel = model;
  return model;
}
