// Benchmark (prints numbers; not a test): the knowledge index with the built-in hash embedder.
// Ingests synthetic chunks into a temporary LanceDB table, 10k and then 100k of them, and times
// hybrid searches (query embedding included) at each size.
//
//   npm run bench:retrieval
//   SIZES=10000,100000 QUERIES=200 TOP_K=10 DIMENSION=512 npm run bench:retrieval
//
// The text is made to look like a document collection: files on one of many topics, each chunk
// mixing English stopwords, its topic's words and words of the whole (Zipf-distributed)
// vocabulary, plus a product code per file. A query is a few words of one chunk, sometimes its
// file's code: `hit@k` is how often that chunk comes back in the top k, a rough check that speed
// was not bought with recall. Ingestion counts embedding, insertion, and `optimize()` (compaction
// and index building), which Hearth runs after an ingestion job, off the request path.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHashEmbedder } from "../../server/services/knowledge/embedding/hash-embedder";
import { getVectorIndex, type ChunkRow } from "../../server/services/knowledge/index/vector-index";
import { printHeader, printTable, progress, type Cell } from "./bench-support";

const SIZES = (process.env.SIZES ?? "10000,100000").split(",").map(Number);
const QUERIES = Number(process.env.QUERIES ?? 200);
const TOP_K = Number(process.env.TOP_K ?? 10);
const DIMENSION = Number(process.env.DIMENSION ?? 512);
const CHUNKS_PER_FILE = 20;
const BATCH = 1_000;
const TABLE = "vs_bench_g1";

/** mulberry32: a small seeded PRNG, so every run sees the same corpus. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const SYLLABLES =
  "ka lo mi ter an ver sol pro dex ri na tor vel gen ma cor lin sta ber qua fen dor ul pi".split(" ");
const STOPWORDS = "the a of and to in is for on with that by as it this are be from at or was".split(" ");
const VOCABULARY = Array.from({ length: 30_000 }, () =>
  Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join(""),
);
/** Zipf-like: low indexes (common words) are drawn far more often. */
const zipfWord = () => VOCABULARY[Math.floor(Math.pow(VOCABULARY.length, random())) - 1]!;
const TOPICS = Array.from({ length: 2_000 }, () => Array.from({ length: 300 }, zipfWord));

interface Generated {
  row: Omit<ChunkRow, "vector">;
  code: string;
}

function generateChunk(index: number): Generated {
  const file = Math.floor(index / CHUNKS_PER_FILE);
  const topic = TOPICS[file % TOPICS.length]!;
  const code = `XJ-${(1000 + file).toString()}`;
  const words = Array.from({ length: 150 + Math.floor(random() * 150) }, () => {
    const roll = random();
    if (roll < 0.35) return pick(STOPWORDS);
    return roll < 0.7 ? pick(topic) : zipfWord();
  });
  if (index % 3 === 0) words.splice(Math.floor(random() * words.length), 0, code);
  return {
    row: {
      id: `chunk-${index}`,
      fileId: `file-${file}`,
      chunkIndex: index % CHUNKS_PER_FILE,
      text: words.join(" "),
      heading: `Section ${index % CHUNKS_PER_FILE}`,
      page: null,
      attributes: { topic: file % TOPICS.length, lang: "en" },
    },
    code,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-retrieval-"));
  const embedder = createHashEmbedder({ dimension: DIMENSION });
  const index = getVectorIndex(path.join(dir, "lancedb"));
  const samples: Generated[] = [];
  let ingested = 0;
  const ingestion: Cell[][] = [];
  const searches: Cell[][] = [];
  printHeader("retrieval", "the knowledge index with the built-in hash embedder", {
    embedder: `hash, dimension ${DIMENSION}`,
    sizes: `${SIZES.join(", ")} chunks`,
    queries: `${QUERIES} per size and mode, top ${TOP_K}`,
  });
  try {
    await index.ensureTable(TABLE, DIMENSION);
    for (const size of SIZES) {
      progress(`ingesting up to ${size} chunks`);
      const added = size - ingested;
      let embedMs = 0;
      let insertMs = 0;
      const started = performance.now();
      while (ingested < size) {
        const batch = Array.from({ length: Math.min(BATCH, size - ingested) }, (_, i) =>
          generateChunk(ingested + i),
        );
        if (samples.length < 5_000 && random() < 0.5) samples.push(...batch.filter(() => random() < 0.05));
        let mark = performance.now();
        const vectors = await embedder.embed(
          batch.map(({ row }) => row.text),
          "document",
        );
        embedMs += performance.now() - mark;
        mark = performance.now();
        await index.addChunks(
          TABLE,
          batch.map(({ row }, i) => ({ ...row, vector: vectors[i]! })),
        );
        insertMs += performance.now() - mark;
        ingested += batch.length;
      }
      const mark = performance.now();
      const optimized = await index.optimize(TABLE);
      const optimizeMs = performance.now() - mark;
      const totalMs = performance.now() - started;
      ingestion.push([
        size,
        added,
        totalMs / 1000,
        Math.round(added / (totalMs / 1000)),
        Math.round(added / (embedMs / 1000)),
        Math.round(added / (insertMs / 1000)),
        optimizeMs / 1000,
        String(optimized.vectorIndex),
      ]);
      progress(`searching ${size} chunks`);
      for (const row of await runQueries(index, embedder, samples)) searches.push([size, ...row]);
    }
    printTable(
      "Ingestion (embedding, insertion and optimize)",
      [
        "chunks",
        "added",
        "total s",
        "chunks/s",
        "embed chunks/s",
        "insert chunks/s",
        "optimize s",
        "vector index",
      ],
      ingestion,
    );
    printTable(
      `Search, query embedding included (hit@${TOP_K}: the query's own chunk in the top ${TOP_K})`,
      ["chunks", "mode", "p50 ms", "p99 ms", `hit@${TOP_K} %`, "score of the hit (mean)"],
      searches,
    );
  } finally {
    index.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runQueries(
  index: ReturnType<typeof getVectorIndex>,
  embedder: ReturnType<typeof createHashEmbedder>,
  samples: Generated[],
): Promise<Cell[][]> {
  const queries = Array.from({ length: QUERIES }, (_, i) => {
    const sample = pick(samples);
    const words = sample.row.text.split(" ").filter((word) => !STOPWORDS.includes(word));
    const text = Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(words));
    if (i % 4 === 0) text.push(sample.code);
    return { text: text.join(" "), id: sample.row.id };
  });
  // Warm-up: the first searches open files and load index pages.
  for (const query of queries.slice(0, 10)) {
    const [vector] = await embedder.embed([query.text], "query");
    await index.search([TABLE], { text: query.text, vector: vector!, topK: TOP_K });
  }
  const rows: Cell[][] = [];
  for (const mode of ["hybrid", "vector", "fulltext"] as const) {
    const times: number[] = [];
    let hits = 0;
    let scoreSum = 0;
    for (const query of queries) {
      const started = performance.now();
      const [vector] = await embedder.embed([query.text], "query");
      const results = await index.search([TABLE], { text: query.text, vector: vector!, topK: TOP_K, mode });
      times.push(performance.now() - started);
      const found = results.find((hit) => hit.id === query.id);
      if (found) {
        hits++;
        scoreSum += found.score;
      }
    }
    times.sort((a, b) => a - b);
    rows.push([
      mode,
      percentile(times, 50),
      percentile(times, 99),
      Math.round((100 * hits) / queries.length),
      scoreSum / Math.max(1, hits),
    ]);
  }
  return rows;
}

await main();
