// Served model names: the /v1/models listing and the check every inference request makes, with
// vLLM's answers (404 for a model it does not serve, 400 for the wrong kind of model).
import { SIMULATOR_NAME } from "./context";
import { SimulatorHttpError } from "./http-util";
import type { SimulatorConfig } from "./options";

type ModelKind = "chat" | "embedding";

const API_NAMES: Record<ModelKind, string> = { chat: "Chat Completions", embedding: "Embeddings" };

export function resolveModel(config: SimulatorConfig, requested: string | null | undefined, kind: ModelKind) {
  const served = kind === "chat" ? config.models : config.embeddingModels;
  const other = kind === "chat" ? config.embeddingModels : config.models;
  if (requested == null) {
    if (served[0]) return served[0];
    throw new SimulatorHttpError(
      400,
      `No model served by this simulator supports the ${API_NAMES[kind]} API.`,
    );
  }
  if (served.includes(requested)) return requested;
  if (other.includes(requested)) {
    throw new SimulatorHttpError(
      400,
      `The model \`${requested}\` does not support the ${API_NAMES[kind]} API.`,
    );
  }
  throw new SimulatorHttpError(404, `The model \`${requested}\` does not exist.`);
}

export function listModels(config: SimulatorConfig, startedAt: number) {
  const card = (id: string) => ({
    id,
    object: "model",
    created: startedAt,
    owned_by: SIMULATOR_NAME,
    root: id,
    parent: null,
    max_model_len: config.maxModelLen,
  });
  return { object: "list", data: [...config.models, ...config.embeddingModels].map(card) };
}
