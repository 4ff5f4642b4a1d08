// The one retrieval path, shared by the search endpoint and by answers: embed the question, search
// the stores' tables (hybrid by default: cosine similarity and BM25 blended), keep the
// passages whose relevance (passage-relevance.ts) reaches the threshold, and name their files. A hit whose file is gone
// (its vectors not yet removed) is dropped, so a deleted file is never quoted.
import { getDb, type VectorStore } from "../../../db/client";
import { contentTerms } from "../embedding/hash-embedder";
import { getIndex, resolveEmbedder, storeTable } from "../knowledge-adapters";
import { passageRelevance } from "./passage-relevance";

export interface Passage {
  storeId: string;
  fileId: string;
  filename: string;
  chunkIndex: number;
  score: number;
  text: string;
  heading: string | null;
  page: number | null;
  attributes: Record<string, string | number | boolean>;
}

export interface PassageQuery {
  text: string;
  topK: number;
  threshold: number;
  mode?: "hybrid" | "vector" | "fulltext";
  fileIds?: string[];
  attributes?: Record<string, string | number | boolean>;
}

/** Chunks are indexed with their heading in front (ingest-file.ts); passages show it apart. */
function withoutHeading(text: string, heading: string | null): string {
  const prefix = heading ? `${heading}\n\n` : "";
  return prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text;
}

export async function searchPassages(stores: VectorStore[], query: PassageQuery): Promise<Passage[]> {
  const { embedder, key } = await resolveEmbedder();
  // A store still written by another embedder is being re-indexed; its vectors cannot be compared.
  const usable = stores.filter((store) => store.embeddingKey === key);
  if (usable.length === 0) return [];
  const [vector] = await embedder.embed([query.text], "query");
  const tableToStore = new Map(usable.map((store) => [storeTable(store), store.id]));
  const hits = await getIndex().search([...tableToStore.keys()], {
    text: query.text,
    vector: vector!,
    topK: query.topK,
    mode: query.mode ?? "hybrid",
    filter: { fileIds: query.fileIds, attributes: query.attributes },
  });
  const question = { text: query.text, terms: contentTerms(query.text) };
  const relevant = hits
    .map((hit) => ({
      ...hit,
      score: passageRelevance(embedder.provider, question, { text: hit.text, cosine: hit.score }),
    }))
    .filter((hit) => hit.score >= query.threshold);
  if (relevant.length === 0) return [];
  const jobs = await getDb().vectorStoreFile.findMany({
    where: {
      vectorStoreId: { in: usable.map((store) => store.id) },
      fileId: { in: [...new Set(relevant.map((hit) => hit.fileId))] },
    },
    select: { vectorStoreId: true, fileId: true, attributes: true, file: { select: { filename: true } } },
  });
  const byKey = new Map(jobs.map((job) => [`${job.vectorStoreId}:${job.fileId}`, job]));
  return relevant.flatMap((hit) => {
    const storeId = tableToStore.get(hit.table)!;
    const job = byKey.get(`${storeId}:${hit.fileId}`);
    if (!job) return [];
    return [
      {
        storeId,
        fileId: hit.fileId,
        filename: job.file.filename,
        chunkIndex: hit.chunkIndex,
        score: hit.score,
        text: withoutHeading(hit.text, hit.heading),
        heading: hit.heading,
        page: hit.page,
        attributes: job.attributes as Passage["attributes"],
      },
    ];
  });
}
