import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { embed } from "./embedding-vector";
import { postJson, simulatorPerFile } from "./test-support";

const simulator = simulatorPerFile({ embeddingDimensions: 64 });

interface EmbeddingList {
  data: Array<{ index: number; embedding: number[] | string }>;
  usage: { prompt_tokens: number; total_tokens: number };
  model: string;
}

const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);

describe("embeddings", () => {
  it("returns deterministic unit vectors for a string or an array, with usage", async () => {
    const post = (input: unknown) =>
      postJson(`${simulator().baseUrl}/embeddings`, { input, encoding_format: "float" }).then(
        (response) => response.json() as Promise<EmbeddingList>,
      );
    const one = await post("refund policy");
    const many = await post(["refund policy", "shipping times", ""]);
    expect(one.model).toBe("hearth-sim-embedding");
    expect(many.data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect(many.data[0]!.embedding).toEqual(one.data[0]!.embedding);
    for (const { embedding } of many.data) {
      expect(embedding).toHaveLength(64);
      expect(norm(embedding as number[])).toBeCloseTo(1, 10);
    }
    expect(many.usage.prompt_tokens).toBeGreaterThan(0);
    expect(many.usage.total_tokens).toBe(many.usage.prompt_tokens);
  });

  it("gives texts that share words a higher cosine than unrelated ones", () => {
    const query = embed("what is the refund policy", 384);
    expect(dot(query, embed("our refund policy lasts 30 days", 384))).toBeGreaterThan(
      dot(query, embed("shipping takes a week", 384)),
    );
  });

  it("serves the OpenAI SDK, which asks for base64 by default", async () => {
    const client = new OpenAI({ baseURL: simulator().baseUrl, apiKey: "unused", maxRetries: 0 });
    const result = await client.embeddings.create({ model: "hearth-sim-embedding", input: "refund policy" });
    const vector = result.data[0]!.embedding;
    expect(vector).toHaveLength(64);
    embed("refund policy", 64).forEach((value, i) => expect(vector[i]).toBeCloseTo(value, 6));
  });

  it("refuses a chat model with 400 and an unknown one with 404", async () => {
    const url = `${simulator().baseUrl}/embeddings`;
    expect((await postJson(url, { model: "gpt-oss-20b", input: "x" })).status).toBe(400);
    expect((await postJson(url, { model: "nope", input: "x" })).status).toBe(404);
    expect((await postJson(url, { input: [] })).status).toBe(400);
  });
});
