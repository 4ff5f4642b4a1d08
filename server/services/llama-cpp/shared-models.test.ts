// The process-wide model cache on a tiny random-weights GGUF written by the test helper: one model
// per file whoever asks (an engine, an embedder), freed by the last release, retried after a failure.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { writeTinyGguf } from "../../test/tiny-gguf";
import { acquireModel, releaseModel } from "./shared-models";

let dir: string;
let modelPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hearth-llama-models-"));
  modelPath = join(dir, "tiny.gguf");
  await writeTinyGguf(modelPath);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("every user of a file shares one model, freed only by the last release", async () => {
  const [first, second] = await Promise.all([
    acquireModel(modelPath),
    acquireModel(relative(process.cwd(), modelPath)),
  ]);
  expect(second).toBe(first);

  await releaseModel(modelPath);
  expect(first.disposed).toBe(false);
  await releaseModel(modelPath);
  expect(first.disposed).toBe(true);

  const reloaded = await acquireModel(modelPath);
  expect(reloaded).not.toBe(first);
  await releaseModel(modelPath);
});

test("a failed load is not kept: the next acquire tries again", async () => {
  const later = join(dir, "later.gguf");
  await expect(acquireModel(later)).rejects.toThrow(`llama.cpp model file not found: ${later}`);
  await writeTinyGguf(later);
  const model = await acquireModel(later);
  expect(model.embeddingVectorSize).toBe(64);
  await releaseModel(later);
  expect(model.disposed).toBe(true);
});
