import { buildPrompt } from "../../chat/build-prompt";
import type { ExchangeState } from "./exchange-state";

/**
 * The messages the model is asked with: instructions, the fenced passages, history, question
 * (chat/build-prompt.ts). Written once per exchange; a failover sends the same prompt elsewhere.
 */
export function writePrompt(state: ExchangeState): void {
  state.prompt = buildPrompt(state.prepared, state.passages, {
    boundary: state.boundary,
    searchTool: state.searchTool,
  });
}
