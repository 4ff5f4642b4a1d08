// The models folder (HEARTH_MODELS_DIR): the only place a llama_cpp backend added in the console or
// the API may load a GGUF file from. Without it, a model path is an oracle on the server's files
// (whether one exists, and what llama.cpp says about its first bytes). The check follows symlinks,
// so a link inside the folder cannot lead out of it, and it runs when the backend is saved and
// again before the model is loaded. Its message is the same whether a file exists or not.
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { env } from "../../env";

export function modelPathRule(): string {
  return `model_path must name a .gguf file inside the models folder (HEARTH_MODELS_DIR: ${env.modelsDir})`;
}

function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== "" && !path.isAbsolute(relative) && relative.split(path.sep)[0] !== "..";
}

const isGguf = (file: string) => file.toLowerCase().endsWith(".gguf");

/**
 * The absolute path to store for `modelPath` (a relative one is taken from the models folder), or
 * null when it is not an existing .gguf file inside the folder once symlinks are resolved.
 */
export async function confinedModelPath(modelPath: string): Promise<string | null> {
  const folder = env.modelsDir;
  const candidate = path.resolve(folder, modelPath);
  if (!isInside(folder, candidate) || !isGguf(candidate)) return null;
  const [realFolder, realFile] = await Promise.all([
    realpath(folder).catch(() => null),
    realpath(candidate).catch(() => null),
  ]);
  if (!realFolder || !realFile || !isInside(realFolder, realFile) || !isGguf(realFile)) return null;
  const file = await stat(realFile).catch(() => null);
  return file?.isFile() ? candidate : null;
}
