import { createServer, type Socket } from "node:net";
import { describe, expect, test } from "vitest";
import { AppError } from "../../../errors";
import { embed as simulatorEmbed } from "../../../simulator/embedding-vector";
import { simulatorPerFile } from "../../../simulator/test-support";
import { createEmbedder } from "./create-embedder";
import { embedderKey, ensureDimension } from "./embedder";

const simulator = simulatorPerFile({ embeddingDimensions: 48 });
const norm = (vector: Float32Array) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

function embedder(overrides: { dimension?: number; baseUrl?: string; timeoutMs?: number } = {}) {
  return createEmbedder({
    provider: "openai_compatible",
    baseUrl: overrides.baseUrl ?? simulator().baseUrl,
    model: "hearth-sim-embedding",
    apiKey: "unused",
    dimension: overrides.dimension,
    timeoutMs: overrides.timeoutMs ?? 5_000,
    maxRetries: 0,
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("OpenAI-compatible embedder", () => {
  test("learns the dimension and returns the server's vectors, normalized, in order", async () => {
    const target = embedder();
    expect(target.dimension).toBe(0);
    expect(() => embedderKey(target)).toThrow(/not known/);
    const texts = Array.from({ length: 150 }, (_, i) => `refund policy number ${i}`);
    const vectors = await target.embed(texts, "document");
    expect(target.dimension).toBe(48);
    expect(embedderKey(target)).toBe("openai_compatible:hearth-sim-embedding:48");
    expect(vectors).toHaveLength(150);
    vectors.forEach((vector, i) => {
      expect(norm(vector)).toBeCloseTo(1, 5);
      simulatorEmbed(texts[i]!, 48).forEach((value, j) => expect(vector[j]).toBeCloseTo(value, 5));
    });
    // 150 inputs in batches of 64: three calls.
    expect(simulator().stats().requests).toBeGreaterThanOrEqual(3);
  });

  test("answers blank texts with zero vectors without sending them", async () => {
    const target = embedder({ dimension: 48 });
    const [blank, word] = await target.embed(["   ", "refund"], "query");
    expect(blank!.every((value) => value === 0)).toBe(true);
    expect(norm(word!)).toBeCloseTo(1, 5);
    expect(await ensureDimension(embedder())).toBe(48);
  });

  test("refuses vectors of another dimension than configured", async () => {
    const error = await failure(embedder({ dimension: 32 }).embed(["refund"], "query"));
    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(error.message).toMatch(/48 dimensions where 32 were expected/);
  });

  test("turns a server error into an UPSTREAM_ERROR naming the server", async () => {
    simulator().setFaults({ error: { status: 500, message: "boom", next: 1 } });
    const error = await failure(embedder().embed(["refund"], "query"));
    expect(error.code).toBe("UPSTREAM_ERROR");
    expect(error.message).toContain(simulator().baseUrl);
    expect(error.message).toMatch(/HTTP 500/);
  });

  test("turns a closed port into UNAVAILABLE", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const error = await failure(embedder({ baseUrl: `http://127.0.0.1:${port}/v1` }).embed(["x"], "query"));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toMatch(/could not be reached/);
  });

  test("bounds a call that gets no answer with its timeout", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const address = silent.address();
      const port = typeof address === "object" && address ? address.port : 0;
      const target = embedder({ baseUrl: `http://127.0.0.1:${port}/v1`, timeoutMs: 200 });
      const error = await failure(target.embed(["x"], "query"));
      expect(error.code).toBe("UPSTREAM_TIMEOUT");
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
