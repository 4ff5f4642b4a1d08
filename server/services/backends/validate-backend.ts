import { AppError } from "../../errors";

/** A backend needs what its engine needs: a URL for openai_compatible, a GGUF path for llama_cpp. */
export function assertBackendComplete(kind: string, baseUrl: string | null, modelPath: string | null): void {
  if (kind === "openai_compatible" && !baseUrl) {
    throw new AppError("INVALID_INPUT", "base_url is required for an openai_compatible backend", [
      { path: "base_url", message: "required for openai_compatible" },
    ]);
  }
  if (kind === "llama_cpp" && !modelPath) {
    throw new AppError("INVALID_INPUT", "model_path is required for a llama_cpp backend", [
      { path: "model_path", message: "required for llama_cpp" },
    ]);
  }
}
