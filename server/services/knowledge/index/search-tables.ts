// Search over one or more vector-store tables. Per table, up to two LanceDB queries run at once:
// nearest neighbours by dot product (vectors are unit length, so it is the cosine) and BM25 over
// the full-text index, both with the same filter and both returning the stored vector. The lists
// of all tables are merged here in TypeScript rather than by LanceDB's reranker, so that one
// ranking spans several tables (an assistant with several stores); at these list lengths it costs
// nothing measurable.
//
// Score and order are separate. The `score` of every hit, however it was found, is the cosine
// between the query vector and the chunk's stored vector, computed exactly here (not from an
// approximate ANN distance) and clamped to [0, 1]: a relevance that a user threshold can be
// applied to, the same in every mode. `vectorScore` / `textScore` tell which retriever found it.
//
// Hybrid ORDER by default blends the two signals: 0.5 x cosine + 0.5 x BM25 / the best BM25 of
// this search ("score" fusion, as Weaviate's relative score fusion, with the cosine left as is).
// Reciprocal Rank Fusion ("rrf") is available, but it rewards chunks that both lists rank
// somewhat over a chunk that one list ranks first: a product code such as "XJ-9000" that only
// BM25 sees loses to every near miss the vector search also returns. On the synthetic benchmark
// (e2e/perf/retrieval.ts) the blend found the queried chunk in the top 10 for 80% / 67% of the
// queries at 10k / 100k chunks, RRF for 74% / 60%, full text alone for 79% / 64%.
import { MatchQuery, type Table } from "@lancedb/lancedb";
import type { Table as ArrowTable } from "apache-arrow";
import { AppError } from "../../../errors";
import { buildFilter, type SearchFilter } from "./build-filter";
import { fuseRankings } from "./fuse-rankings";

export type SearchMode = "hybrid" | "vector" | "fulltext";
export type Fusion = "score" | "rrf";

export interface SearchQuery {
  /** The query as the user wrote it, for full-text search. */
  text: string;
  /** The query embedded by the store's embedder (purpose "query"). */
  vector: Float32Array;
  topK: number;
  /** Default "hybrid". */
  mode?: SearchMode;
  /** How hybrid search orders the two lists; default "score" (see the header). */
  fusion?: Fusion;
  filter?: SearchFilter;
}

export interface SearchHit {
  table: string;
  id: string;
  fileId: string;
  chunkIndex: number;
  text: string;
  heading: string | null;
  page: number | null;
  /** Cosine of query and chunk vectors, clamped to [0, 1]: the relevance to threshold on. */
  score: number;
  /** The same cosine (unclamped) when the vector search found the chunk, else null. */
  vectorScore: number | null;
  /** BM25 of the full-text search when it found the chunk, else null. */
  textScore: number | null;
}

export interface OpenTable {
  name: string;
  table: Table;
  dimension: number;
}

export const MAX_TOP_K = 200;
/** Each retriever fetches more than topK so that fusion has overlap to work with. */
const CANDIDATE_FACTOR = 2;
const MIN_CANDIDATES = 20;
const REFINE_FACTOR = 5;
const TEXT_WEIGHT = 0.5;
const COLUMNS = ["id", "file_id", "chunk_index", "text", "heading", "page", "vector"];

type Candidate = Omit<SearchHit, "score" | "vectorScore" | "textScore"> & { cosine: number; bm25: number };

export async function searchTables(tables: readonly OpenTable[], query: SearchQuery): Promise<SearchHit[]> {
  if (!Number.isInteger(query.topK) || query.topK < 1 || query.topK > MAX_TOP_K) {
    throw new AppError("INVALID_INPUT", `topK must be an integer from 1 to ${MAX_TOP_K}`);
  }
  for (const { name, dimension } of tables) {
    if (dimension !== query.vector.length) {
      throw new AppError(
        "INVALID_INPUT",
        `The query vector has ${query.vector.length} dimensions; table ${name} has ${dimension}`,
      );
    }
  }
  const mode = query.mode ?? "hybrid";
  const filter = buildFilter(query.filter);
  if (filter === "FALSE") return [];
  const limit = Math.max(query.topK * CANDIDATE_FACTOR, MIN_CANDIDATES);
  const text = query.text.trim();

  const perTable = await Promise.all(
    tables.map(async (open) => {
      const [byVector, byText] = await Promise.all([
        mode === "fulltext" ? [] : vectorCandidates(open, query.vector, filter, limit),
        mode === "vector" || !text ? [] : textCandidates(open, query.vector, text, filter, limit),
      ]);
      return { byVector, byText };
    }),
  );
  const byVector = perTable.flatMap((result) => result.byVector).sort((a, b) => b.cosine - a.cosine);
  const byText = perTable.flatMap((result) => result.byText).sort((a, b) => b.bm25 - a.bm25);
  return rank(byVector, byText, mode, query.fusion ?? "score").slice(0, query.topK);
}

function rank(
  byVector: readonly Candidate[],
  byText: readonly Candidate[],
  mode: SearchMode,
  fusion: Fusion,
): SearchHit[] {
  const key = (candidate: Candidate) => `${candidate.table}\u0000${candidate.id}`;
  const vectorScores = new Map(byVector.map((candidate) => [key(candidate), candidate.cosine]));
  const textScores = new Map(byText.map((candidate) => [key(candidate), candidate.bm25]));
  const unique = new Map<string, Candidate>();
  for (const candidate of [...byVector, ...byText])
    if (!unique.has(key(candidate))) unique.set(key(candidate), candidate);

  let order: Map<string, number>;
  if (mode === "vector") order = vectorScores;
  else if (mode === "fulltext") order = textScores;
  else if (fusion === "rrf") order = fuseRankings([byVector.map(key), byText.map(key)]);
  else {
    const bestText = Math.max(0, ...textScores.values());
    order = new Map(
      [...unique].map(([candidateKey, candidate]) => [
        candidateKey,
        blendScores(candidate.cosine, bestText > 0 ? (textScores.get(candidateKey) ?? 0) / bestText : 0),
      ]),
    );
  }
  return [...unique.entries()]
    .sort(([keyA, a], [keyB, b]) => (order.get(keyB) ?? 0) - (order.get(keyA) ?? 0) || b.cosine - a.cosine)
    .map(([candidateKey, { cosine, bm25: _bm25, ...hit }]) => ({
      ...hit,
      score: Math.min(1, Math.max(0, cosine)),
      vectorScore: vectorScores.get(candidateKey) ?? null,
      textScore: textScores.get(candidateKey) ?? null,
    }));
}

async function vectorCandidates(
  open: OpenTable,
  vector: Float32Array,
  filter: string | undefined,
  limit: number,
): Promise<Candidate[]> {
  const query = open.table
    .vectorSearch(vector)
    .distanceType("dot")
    // With an IVF-RQ index, re-rank REFINE_FACTOR times the candidates by their exact distance.
    .refineFactor(REFINE_FACTOR)
    .select([...COLUMNS, "_distance"])
    .limit(limit);
  if (filter) query.where(filter);
  return readCandidates(await query.toArrow(), open.name, vector, null);
}

async function textCandidates(
  open: OpenTable,
  vector: Float32Array,
  text: string,
  filter: string | undefined,
  limit: number,
): Promise<Candidate[]> {
  // A MatchQuery takes the text as words to match, so query syntax in user input has no effect.
  const query = open.table
    .query()
    .fullTextSearch(new MatchQuery(text, "text"))
    .select([...COLUMNS, "_score"])
    .limit(limit);
  if (filter) query.where(filter);
  return readCandidates(await query.toArrow(), open.name, vector, "_score");
}

function readCandidates(
  result: ArrowTable,
  table: string,
  query: Float32Array,
  rankColumn: string | null,
): Candidate[] {
  if (result.numRows === 0) return []; // an empty answer may come without columns
  const column = (name: string) => {
    const child = result.getChild(name);
    if (!child) throw new Error(`LanceDB returned no ${name} column`);
    return child;
  };
  const [ids, fileIds, chunkIndexes, texts, headings, pages, vectors] = COLUMNS.map(column);
  const ranks = rankColumn ? column(rankColumn) : null;
  return Array.from({ length: result.numRows }, (_, row): Candidate => {
    const stored = (vectors!.get(row) as { toArray(): Float32Array } | null)?.toArray();
    const cosine = stored ? cosineOf(query, stored) : 0;
    return {
      table,
      id: ids!.get(row) as string,
      fileId: fileIds!.get(row) as string,
      chunkIndex: chunkIndexes!.get(row) as number,
      text: texts!.get(row) as string,
      heading: (headings!.get(row) as string | null) ?? null,
      page: (pages!.get(row) as number | null) ?? null,
      cosine,
      bm25: ranks ? (ranks.get(row) as number) : 0,
    };
  });
}

/** The hybrid order of "score" fusion: half the cosine, half the BM25 relative to the best one. */
export function blendScores(cosine: number, relativeText: number): number {
  return TEXT_WEIGHT * relativeText + (1 - TEXT_WEIGHT) * cosine;
}

function cosineOf(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}
