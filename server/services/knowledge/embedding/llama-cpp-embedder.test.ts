// The llama.cpp embedder on a tiny random-weights GGUF written by the test helper: its vectors
// mean nothing, so this checks their shape, length and determinism.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { logger } from "../../../logger";
import { writeTinyGguf } from "../../../test/tiny-gguf";
import { createEmbedder } from "./create-embedder";
import { embedderKey, ensureDimension, type Embedder } from "./embedder";
import { createLlamaCppEmbedder } from "./llama-cpp-embedder";

let dir: string;
let embedder: Embedder;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hearth-llama-embed-"));
  await writeTinyGguf(join(dir, "tiny.gguf"));
  embedder = createEmbedder({ provider: "llama_cpp", modelPath: join(dir, "tiny.gguf"), threads: 1 });
});

afterAll(async () => {
  await embedder?.close?.();
  await rm(dir, { recursive: true, force: true });
});

const norm = (vector: Float32Array) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

describe("llama.cpp embedder", () => {
  test("loads the model on first use and takes its dimension", async () => {
    expect(embedder.dimension).toBe(0);
    expect(await ensureDimension(embedder)).toBe(64);
    expect(embedderKey(embedder)).toBe("llama_cpp:tiny.gguf:64");
  });

  test("returns unit vectors of the model's dimension, the same for the same text", async () => {
    const [hello, other, again] = await embedder.embed(
      ["hello world", "the user", "hello world"],
      "document",
    );
    for (const vector of [hello!, other!]) {
      expect(vector).toHaveLength(64);
      expect(norm(vector)).toBeCloseTo(1, 4);
    }
    expect(again).toEqual(hello);
    expect(other).not.toEqual(hello);
    expect((await embedder.embed(["hello world"], "query"))[0]).toEqual(hello);
  });

  test("gives a text without tokens a zero vector", async () => {
    const [empty] = await embedder.embed([""], "document");
    expect(empty).toEqual(new Float32Array(64));
  });

  test("cuts texts longer than its context instead of failing", async () => {
    const short = createLlamaCppEmbedder({ modelPath: join(dir, "tiny.gguf"), contextSize: 128, threads: 1 });
    try {
      const [long] = await short.embed(["hello world ".repeat(200)], "document");
      expect(long).toHaveLength(64);
      expect(norm(long!)).toBeCloseTo(1, 4);
    } finally {
      await short.close?.();
    }
  });

  test("fails with a clear error for a missing model file, and can retry", async () => {
    const missing = createEmbedder({ provider: "llama_cpp", modelPath: join(dir, "missing.gguf") });
    await expect(missing.embed(["x"], "query")).rejects.toThrow(/model file not found: .*missing\.gguf/);
    await expect(missing.embed(["x"], "query")).rejects.toThrow(/not found/);
    await missing.close?.();
  });

  test("refuses a file that is not a GGUF without quoting any of its bytes (issue 13, item 7)", async () => {
    const notAModel = join(dir, "secret.gguf");
    await writeFile(notAModel, "QZXW-secret-token-value");
    const logs = (["debug", "info", "warn", "error"] as const).map((level) => vi.spyOn(logger, level));
    try {
      const refused = createEmbedder({ provider: "llama_cpp", modelPath: notAModel });
      const error = await refused.embed(["x"], "query").then(
        () => null,
        (reason: unknown) => reason as Error,
      );
      expect(error?.message).toMatch(/the file is not a GGUF model$/);
      await refused.close?.();
      expect(JSON.stringify([error?.message, logs.map((spy) => spy.mock.calls)])).not.toContain("QZXW");
    } finally {
      for (const spy of logs) spy.mockRestore();
    }
  });

  test("stops between slices when aborted", async () => {
    await expect(embedder.embed(["x"], "query", AbortSignal.abort())).rejects.toThrow();
  });
});
