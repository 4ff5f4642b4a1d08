import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import type { DocumentSection, ParsedDocument } from "../parsing/parse-document";
import { chunkDocument, type DocumentChunk } from "./chunk-document";

const SENTENCES = [
  "The ingestion worker reads each uploaded file from storage",
  "It parses the document in a separate thread and records every stage",
  "Chunks are embedded in batches and written to the vector index",
  "A failed document keeps its reason so the console can show it",
  "Search then ranks passages by similarity to the question",
];

/** A paragraph of `count` sentences, varied by `seed` so that no two paragraphs are equal. */
function paragraph(seed: number, count: number): string {
  return Array.from(
    { length: count },
    (_, index) => `${SENTENCES[(seed + index) % SENTENCES.length]!} ${seed}-${index}.`,
  ).join(" ");
}

function doc(...sections: (Partial<DocumentSection> & { text: string })[]): ParsedDocument {
  return {
    format: "text",
    title: null,
    pageCount: null,
    sections: sections.map((section) => ({ heading: null, page: null, ...section })),
  };
}

/** The text a chunk repeats from the previous one: the longest suffix of `previous` it starts with. */
function overlapBetween(previous: string, next: string): string {
  for (let start = 0; start < previous.length; start++) {
    if (next.startsWith(previous.slice(start))) return previous.slice(start);
  }
  return "";
}

function expectWithinBounds(chunks: DocumentChunk[], maxTokens: number) {
  for (const chunk of chunks) {
    expect(chunk.tokenCount).toBe(countTokens(chunk.text));
    expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens);
    expect(chunk.text).toBe(chunk.text.trim());
    expect(chunk.text.length).toBeGreaterThan(0);
  }
  expect(chunks.map((chunk) => chunk.index)).toEqual(chunks.map((_, index) => index));
}

describe("chunkDocument", () => {
  it("keeps every chunk within maxTokens, counted with the o200k tokenizer", () => {
    const text = Array.from({ length: 60 }, (_, index) => paragraph(index, 1 + (index % 7))).join("\n\n");
    for (const [maxTokens, overlapTokens] of [
      [800, 400],
      [200, 50],
      [64, 0],
    ] as const) {
      const chunks = chunkDocument(doc({ text }), { maxTokens, overlapTokens });
      expect(chunks.length).toBeGreaterThan(1);
      expectWithinBounds(chunks, maxTokens);
    }
  });

  it("cuts between paragraphs when paragraphs fit, with no overlap asked", () => {
    const paragraphs = Array.from({ length: 12 }, (_, index) => paragraph(index, 6));
    const chunks = chunkDocument(doc({ text: paragraphs.join("\n\n") }), {
      maxTokens: 300,
      overlapTokens: 0,
    });
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.flatMap((chunk) => chunk.text.split("\n\n"))).toEqual(paragraphs);
  });

  it("starts each chunk with about overlapTokens from the end of the previous one, on a sentence start", () => {
    const text = Array.from({ length: 20 }, (_, index) => paragraph(index, 5)).join("\n\n");
    const chunks = chunkDocument(doc({ text }), { maxTokens: 200, overlapTokens: 60 });
    expect(chunks.length).toBeGreaterThan(5);
    for (let index = 1; index < chunks.length; index++) {
      const overlap = overlapBetween(chunks[index - 1]!.text, chunks[index]!.text);
      expect(overlap.length).toBeGreaterThan(0);
      expect(countTokens(overlap)).toBeLessThanOrEqual(60);
      expect(overlap).toMatch(/^[A-Z]/);
      expect(chunks[index]!.text.length).toBeGreaterThan(overlap.length);
    }
  });

  it("takes the overlap from the last words when the last sentence alone is too long", () => {
    const sentence = Array.from({ length: 400 }, (_, index) => `word${index}`).join(" ");
    const chunks = chunkDocument(doc({ text: `${sentence}.` }), { maxTokens: 100, overlapTokens: 20 });
    expectWithinBounds(chunks, 100);
    for (let index = 1; index < chunks.length; index++) {
      const overlap = overlapBetween(chunks[index - 1]!.text, chunks[index]!.text);
      expect(countTokens(overlap)).toBeGreaterThan(5);
      expect(countTokens(overlap)).toBeLessThanOrEqual(20);
      expect(overlap).toMatch(/^word\d+/);
    }
  });

  it("cuts a giant sentence at word boundaries, and a giant word anywhere, losing nothing", () => {
    const words = Array.from({ length: 3000 }, (_, index) => `token${index}`);
    const sentence = chunkDocument(doc({ text: words.join(" ") }), { maxTokens: 120, overlapTokens: 0 });
    expectWithinBounds(sentence, 120);
    expect(sentence.flatMap((chunk) => chunk.text.split(" "))).toEqual(words);

    const blob = Buffer.from(Array.from({ length: 30_000 }, (_, index) => (index * 7919) % 256)).toString(
      "base64",
    );
    const pieces = chunkDocument(doc({ text: blob }), { maxTokens: 100, overlapTokens: 30 });
    expectWithinBounds(pieces, 100);
    expect(pieces.map((chunk) => chunk.text).join("")).toBe(blob);
  });

  it("stays fast on a long run of letters, where the tokenizer is quadratic", () => {
    const sequence = Array.from({ length: 200_000 }, (_, index) => "acgt"[(index * 7) % 4]).join("");
    const chunks = chunkDocument(doc({ text: sequence }), { maxTokens: 800, overlapTokens: 0 });
    expect(chunks.map((chunk) => chunk.text).join("") === sequence).toBe(true);
    const overlapping = chunkDocument(doc({ text: sequence }), { maxTokens: 800, overlapTokens: 400 });
    for (const chunk of [...chunks, ...overlapping]) expect(chunk.tokenCount).toBeLessThanOrEqual(800);
  });

  it("never mixes sections: each chunk carries its section's heading and page", () => {
    const chunks = chunkDocument(
      doc(
        { text: paragraph(1, 3), page: 1 },
        { text: paragraph(2, 3), page: 2 },
        { text: paragraph(3, 30), heading: "Install > Linux", page: 2 },
        { text: paragraph(4, 2), heading: "Usage", page: 3 },
      ),
      { maxTokens: 150, overlapTokens: 40 },
    );
    expect(chunks[0]).toMatchObject({ index: 0, heading: null, page: 1, text: paragraph(1, 3) });
    expect(chunks[1]).toMatchObject({ index: 1, heading: null, page: 2, text: paragraph(2, 3) });
    const linux = chunks.filter((chunk) => chunk.heading === "Install > Linux");
    expect(linux.length).toBeGreaterThan(2);
    expect(linux.every((chunk) => chunk.page === 2 && !chunk.text.includes(" 2-0."))).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ heading: "Usage", page: 3, text: paragraph(4, 2) });
    expectWithinBounds(chunks, 150);
  });

  it("packs consecutive sections that share heading and page, such as groups of CSV rows", () => {
    const rows = (from: number) =>
      Array.from({ length: 5 }, (_, index) => `id: ${from + index}; name: row ${from + index}`).join("\n");
    const chunks = chunkDocument(doc({ text: rows(0) }, { text: rows(5) }, { text: rows(10) }), {
      maxTokens: 800,
      overlapTokens: 400,
    });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toBe([rows(0), rows(5), rows(10)].join("\n\n"));
  });

  it("skips empty sections and numbers chunks across the whole document", () => {
    const chunks = chunkDocument(
      doc(
        { text: "" },
        { text: "First.", heading: "A" },
        { text: "  \n\n \t" },
        { text: "Second.", heading: "B" },
      ),
    );
    expect(chunks).toEqual([
      { index: 0, text: "First.", tokenCount: countTokens("First."), heading: "A", page: null },
      { index: 1, text: "Second.", tokenCount: countTokens("Second."), heading: "B", page: null },
    ]);
    expect(chunkDocument(doc({ text: " " }))).toEqual([]);
  });

  it("cuts CJK text at its full stops", () => {
    const text = "これは最初の文です。これは二番目の文です。".repeat(40);
    const chunks = chunkDocument(doc({ text }), { maxTokens: 50, overlapTokens: 0 });
    expectWithinBounds(chunks, 50);
    for (const chunk of chunks) expect(chunk.text.endsWith("。")).toBe(true);
  });

  it("is deterministic", () => {
    const document = doc({
      text: Array.from({ length: 30 }, (_, index) => paragraph(index, 4)).join("\n\n"),
    });
    const options = { maxTokens: 120, overlapTokens: 30 };
    expect(chunkDocument(document, options)).toEqual(chunkDocument(document, options));
  });

  it("handles megabytes of text", () => {
    const text = Array.from({ length: 12_000 }, (_, index) => paragraph(index, 1 + (index % 9))).join("\n\n");
    expect(text.length).toBeGreaterThan(3_000_000);
    const chunks = chunkDocument(doc({ text }));
    expect(chunks.length).toBeGreaterThan(1000);
    expect(Math.max(...chunks.map((chunk) => chunk.tokenCount))).toBeLessThanOrEqual(800);
  });

  it("refuses nonsensical options", () => {
    expect(() => chunkDocument(doc({ text: "x" }), { maxTokens: 0, overlapTokens: 0 })).toThrow(RangeError);
    expect(() => chunkDocument(doc({ text: "x" }), { maxTokens: 100, overlapTokens: 100 })).toThrow(
      RangeError,
    );
  });
});
