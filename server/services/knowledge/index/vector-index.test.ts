// The vector index against a real LanceDB in a temporary folder, with the hash embedder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@lancedb/lancedb";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AppError } from "../../../errors";
import { createHashEmbedder } from "../embedding/hash-embedder";
import { getVectorIndex, type ChunkRow, type SearchQuery, type VectorIndex } from "./vector-index";

const DIMENSION = 256;
const embedder = createHashEmbedder({ dimension: DIMENSION });
let dir: string;
let index: VectorIndex;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hearth-lancedb-"));
  index = getVectorIndex(join(dir, "lancedb"));
});

afterEach(async () => {
  index.close();
  await rm(dir, { recursive: true, force: true });
});

const FILLER = [
  "Our support team answers questions about invoices, refunds and shipping within two working days.",
  "The warehouse ships orders every weekday; tracking numbers arrive by email once a parcel leaves.",
  "Employees book vacation through the portal, and managers approve requests within a week.",
  "Quarterly revenue grew, driven by subscriptions; the marketing budget moves to online campaigns.",
  "To reset a password, open the account page, choose security settings and follow the link sent.",
  "The cafeteria serves breakfast from seven and lunch from noon; vegetarian dishes are marked.",
];

async function chunks(
  fileId: string,
  texts: string[],
  attributes: Record<string, string | number | boolean> = {},
): Promise<ChunkRow[]> {
  const vectors = await embedder.embed(texts, "document");
  return texts.map((text, i) => ({
    id: `${fileId}-${i}`,
    fileId,
    chunkIndex: i,
    text,
    heading: i === 0 ? "Intro" : null,
    page: i + 1,
    attributes,
    vector: vectors[i]!,
  }));
}

async function query(text: string, extra: Partial<SearchQuery> = {}): Promise<SearchQuery> {
  const [vector] = await embedder.embed([text], "query");
  return { text, vector: vector!, topK: 5, ...extra };
}

describe("vector index", () => {
  test("adds, counts, searches, deletes a file and drops a table", async () => {
    await index.ensureTable("vs_a_g1", DIMENSION);
    await index.ensureTable("vs_a_g1", DIMENSION); // idempotent
    await index.addChunks("vs_a_g1", await chunks("f1", FILLER.slice(0, 3), { lang: "en" }));
    await index.addChunks("vs_a_g1", await chunks("f2", FILLER.slice(3), { lang: "de" }));
    expect(await index.countRows("vs_a_g1")).toBe(6);
    expect(await index.countRows("vs_a_g1", "f1")).toBe(3);

    const hits = await index.search(["vs_a_g1"], await query("how do I reset my password"));
    expect(hits[0]).toMatchObject({
      table: "vs_a_g1",
      id: "f2-1",
      fileId: "f2",
      chunkIndex: 1,
      text: FILLER[4],
      heading: null,
      page: 2,
    });
    expect(hits[0]!.textScore).toBeGreaterThan(0);
    expect(hits[0]!.vectorScore).toBeCloseTo(hits[0]!.score, 5);

    await index.deleteFile("vs_a_g1", "f2");
    expect(await index.countRows("vs_a_g1")).toBe(3);
    const after = await index.search(["vs_a_g1"], await query("how do I reset my password"));
    expect(after.map((hit) => hit.fileId)).not.toContain("f2");

    expect(await index.listTables()).toEqual(["vs_a_g1"]);
    await index.dropTable("vs_a_g1");
    await index.dropTable("vs_a_g1"); // a missing table is fine
    expect(await index.listTables()).toEqual([]);
    expect(await index.countRows("vs_a_g1")).toBe(0);
    expect(await index.search(["vs_a_g1"], await query("password"))).toEqual([]);
  });

  test("finds an exact product code that vector search alone ranks low", async () => {
    await index.ensureTable("vs_codes", DIMENSION);
    // Short chunks about sibling models share "xj" with the query; the one chunk that names the
    // XJ-9000 is long and mostly about other things, so its vector barely leans towards the code.
    const siblings = Array.from({ length: 30 }, (_, i) => `The XJ-${7000 + i} model ships in a grey box.`);
    const target = `${FILLER[0]} ${FILLER[1]} ${FILLER[2]} Spare part XJ-9000 fits the older models. ${FILLER[3]}`;
    await index.addChunks("vs_codes", await chunks("siblings", siblings));
    await index.addChunks("vs_codes", await chunks("noise", FILLER));
    await index.addChunks("vs_codes", await chunks("target", [target]));

    const search = async (extra: Partial<SearchQuery>) => {
      const hits = await index.search(["vs_codes"], await query("XJ-9000", { topK: 5, ...extra }));
      for (const hit of hits) {
        expect(hit.score).toBeGreaterThanOrEqual(0);
        expect(hit.score).toBeLessThanOrEqual(1);
      }
      return hits;
    };
    const byVector = await search({ mode: "vector" });
    const hybrid = await search({});
    expect(byVector.map((hit) => hit.fileId)).not.toContain("target");
    expect(hybrid[0]!.fileId).toBe("target");
    // Its score is still the cosine, though the vector search did not return it.
    expect(hybrid[0]!.vectorScore).toBeNull();
    expect(hybrid[0]!.textScore).toBeGreaterThan(0);
    expect(hybrid[0]!.score).toBeGreaterThan(0);
    expect(hybrid[0]!.score).toBeLessThan(byVector[0]!.score);
  });

  test("filters by file ids and exact attributes, and escapes what it is given", async () => {
    await index.ensureTable("vs_filters", DIMENSION);
    await index.addChunks("vs_filters", await chunks("f1", FILLER.slice(0, 2), { lang: "en", year: 2024 }));
    await index.addChunks(
      "vs_filters",
      await chunks("f'2", FILLER.slice(2, 4), { lang: "de", year: "2024" }),
    );
    await index.addChunks(
      "vs_filters",
      await chunks("f3", FILLER.slice(4), { lang: "en", draft: true, note: 'a "quoted" \\ näme' }),
    );
    const files = async (filter: SearchQuery["filter"]) => {
      const hits = await index.search(
        ["vs_filters"],
        await query("team orders password revenue", { filter, topK: 20 }),
      );
      return [...new Set(hits.map((hit) => hit.fileId))].sort();
    };
    expect(await files(undefined)).toEqual(["f'2", "f1", "f3"]);
    expect(await files({ fileIds: ["f'2"] })).toEqual(["f'2"]);
    expect(await files({ fileIds: ["f1", "f3"] })).toEqual(["f1", "f3"]);
    expect(await files({ fileIds: [] })).toEqual([]);
    expect(await files({ fileIds: ["x') OR TRUE OR ('"] })).toEqual([]);
    expect(await files({ attributes: { lang: "en" } })).toEqual(["f1", "f3"]);
    expect(await files({ attributes: { year: 2024 } })).toEqual(["f1"]);
    expect(await files({ attributes: { year: "2024" } })).toEqual(["f'2"]);
    expect(await files({ attributes: { lang: "en", draft: true } })).toEqual(["f3"]);
    expect(await files({ attributes: { lang: ["de", "fr"] } })).toEqual(["f'2"]);
    expect(await files({ attributes: { note: 'a "quoted" \\ näme' } })).toEqual(["f3"]);
    expect(await files({ attributes: { "la'ng": "en' OR '1'='1" } })).toEqual([]);
    expect(await files({ fileIds: ["f1", "f'2"], attributes: { lang: "en" } })).toEqual(["f1"]);
    await expect(files({ attributes: { lang: { $ne: "x" } as never } })).rejects.toBeInstanceOf(AppError);
    expect(await index.countRows("vs_filters", "f'2")).toBe(2);
  });

  test("concurrent inserts and deletes on one table lose nothing and do not throw", async () => {
    await index.ensureTable("vs_busy", DIMENSION);
    const files = Array.from({ length: 12 }, (_, i) => `file-${i}`);
    await Promise.all(
      files.map(async (fileId, i) => {
        await index.addChunks("vs_busy", await chunks(fileId, FILLER));
        if (i % 3 === 0) await index.deleteFile("vs_busy", fileId);
      }),
    );
    await Promise.all([index.optimize("vs_busy"), index.addChunks("vs_busy", await chunks("late", FILLER))]);
    expect(await index.countRows("vs_busy")).toBe((files.length - 4 + 1) * FILLER.length);
    for (const fileId of files) {
      expect(await index.countRows("vs_busy", fileId)).toBe(
        Number(fileId.slice(5)) % 3 === 0 ? 0 : FILLER.length,
      );
    }
  });

  test("searches several tables as one ranking", async () => {
    await index.ensureTable("vs_one", DIMENSION);
    await index.ensureTable("vs_two", DIMENSION);
    await index.addChunks("vs_one", await chunks("a", FILLER.slice(0, 3)));
    await index.addChunks("vs_two", await chunks("b", FILLER.slice(3)));
    const hits = await index.search(
      ["vs_one", "vs_two", "vs_missing"],
      await query("vacation portal", { topK: 6 }),
    );
    expect(hits[0]).toMatchObject({ table: "vs_one", fileId: "a", chunkIndex: 2 });
    expect(new Set(hits.map((hit) => hit.table))).toEqual(new Set(["vs_one", "vs_two"]));
    expect(hits).toHaveLength(6);
  });

  test("refuses mismatched dimensions and bad names", async () => {
    await index.ensureTable("vs_dim", DIMENSION);
    await expect(index.ensureTable("vs_dim", 128)).rejects.toMatchObject({ code: "CONFLICT" });
    const [short] = await createHashEmbedder({ dimension: 128 }).embed(["x"], "query");
    await expect(index.search(["vs_dim"], { text: "x", vector: short!, topK: 3 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      index.addChunks("vs_dim", [{ ...(await chunks("f", ["x"]))[0]!, vector: short! }]),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(index.ensureTable("bad name!", DIMENSION)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(index.addChunks("vs_nope", await chunks("f", ["x"]))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(index.search(["vs_dim"], await query("x", { topK: 0 }))).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  test("optimize trains a vector index once the table is large enough, and retrains as it grows", async () => {
    index.close();
    index = getVectorIndex(join(dir, "small-threshold"), { vectorIndexMinRows: 600 });
    await index.ensureTable("vs_grow", DIMENSION);
    const batch = (file: string, n: number) =>
      chunks(
        file,
        Array.from({ length: n }, (_, i) => `${FILLER[i % FILLER.length]} note ${file} ${i}`),
      );
    await index.addChunks("vs_grow", await batch("a", 300));
    expect(await index.optimize("vs_grow")).toEqual({ rows: 300, vectorIndex: "none" });
    await index.addChunks("vs_grow", await batch("b", 400));
    expect(await index.optimize("vs_grow")).toEqual({ rows: 700, vectorIndex: "trained" });
    await index.addChunks("vs_grow", await batch("c", 300));
    expect(await index.optimize("vs_grow")).toEqual({ rows: 1000, vectorIndex: "updated" });
    await index.addChunks("vs_grow", await batch("d", 500));
    expect(await index.optimize("vs_grow")).toEqual({ rows: 1500, vectorIndex: "trained" });
    const table = await (await connect(join(dir, "small-threshold"))).openTable("vs_grow");
    expect((await table.listIndices()).map((config) => config.name).sort()).toEqual([
      "text_idx",
      "vector_idx_1500",
    ]);
    table.close();
    // Rows added after the last optimize are searchable too (LanceDB scans the unindexed tail).
    await index.addChunks("vs_grow", await chunks("fresh", ["Zebras graze on the quokka meadow at dawn."]));
    const hits = await index.search(["vs_grow"], await query("quokka meadow zebras"));
    expect(hits[0]!.fileId).toBe("fresh");
    const byText = await index.search(["vs_grow"], await query("quokka", { mode: "fulltext" }));
    expect(byText[0]!.fileId).toBe("fresh");
  });
});
