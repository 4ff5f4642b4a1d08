import { describe, expect, test } from "vitest";
import { embedderKey } from "./embedder";
import { createHashEmbedder, stem } from "./hash-embedder";

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);
const norm = (vector: Float32Array) => Math.sqrt(dot(vector, vector));

describe("hash embedder", () => {
  const embedder = createHashEmbedder();

  test("has a stable key and the default dimension", () => {
    expect(embedder.dimension).toBe(512);
    expect(embedderKey(embedder)).toBe("hash:lexical-v1:512");
    expect(embedderKey(createHashEmbedder({ dimension: 256 }))).toBe("hash:lexical-v1:256");
    expect(() => createHashEmbedder({ dimension: 3 })).toThrow(/dimension/);
  });

  test("returns unit vectors of its dimension, the same for the same text", async () => {
    const texts = ["Refund policy: 30 days.", "Shipping takes a week", "Refund policy: 30 days."];
    const [a, b, again] = await embedder.embed(texts, "document");
    for (const vector of [a!, b!]) {
      expect(vector).toHaveLength(512);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    expect(again).toEqual(a);
    expect((await createHashEmbedder().embed([texts[0]!], "query"))[0]).toEqual(a);
  });

  test("puts related texts closer than unrelated ones", async () => {
    const [query, related, unrelated] = await embedder.embed(
      [
        "How do I configure the backup server?",
        "Configuring backups: the server configuration and how to restore from a backup",
        "Quarterly revenue forecast for the marketing budget",
      ],
      "document",
    );
    expect(dot(query!, related!)).toBeGreaterThan(0.3);
    expect(dot(query!, related!)).toBeGreaterThan(dot(query!, unrelated!) + 0.2);
  });

  test("matches across case, diacritics, inflections and typos", async () => {
    const [base, variant, typo, other] = await embedder.embed(
      ["Café résumé policies", "CAFE RESUME POLICY", "cafe resumee policys", "tractor engine oil"],
      "document",
    );
    expect(dot(base!, variant!)).toBeGreaterThan(0.9);
    expect(dot(base!, typo!)).toBeGreaterThan(0.3);
    expect(dot(base!, typo!)).toBeGreaterThan(dot(base!, other!) + 0.2);
  });

  test("keeps product codes as a phrase", async () => {
    const [code, same, split] = await embedder.embed(["XJ-9000", "xj 9000 unit", "9000 unit xj"], "query");
    expect(dot(code!, same!)).toBeGreaterThan(dot(code!, split!));
  });

  test("embeds a long text the same, whatever came before", async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i.toString(36)}`).join(" ");
    const [first] = await createHashEmbedder().embed([long], "document");
    const [, again] = await embedder.embed(["something else entirely", long], "document");
    expect(again).toEqual(first);
    expect(norm(first!)).toBeCloseTo(1, 5);
  });

  test("gives a text without words the zero vector", async () => {
    const vectors = await embedder.embed(["", "  ...!?  ", "the of and"], "query");
    for (const vector of vectors) {
      expect(vector).toHaveLength(512);
      expect(vector.every((value) => value === 0)).toBe(true);
    }
  });

  test("stems common English suffixes, and leaves codes and short words", () => {
    expect(["configure", "configured", "configuring", "configuration"].map(stem)).toEqual(
      Array(4).fill("configur"),
    );
    expect(stem("policies")).toBe("policy");
    expect(stem("running")).toBe("run");
    expect(stem("falling")).toBe("fall");
    expect(stem("xj9000s")).toBe("xj9000s");
    expect(stem("bus")).toBe("bus");
  });

  test("embeds thousands of chunks per second", async () => {
    const words = "alpha beta gamma delta epsilon server backup policy refund invoice".split(" ");
    const texts = Array.from({ length: 2000 }, (_, i) =>
      Array.from({ length: 200 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(" "),
    );
    const started = performance.now();
    await embedder.embed(texts, "document");
    expect(texts.length / ((performance.now() - started) / 1000)).toBeGreaterThan(2000);
  });

  test("stops before work when aborted", async () => {
    await expect(embedder.embed(["x"], "query", AbortSignal.abort())).rejects.toThrow();
  });
});
