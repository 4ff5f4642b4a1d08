// The knowledge feature's vector index: chunks, their vectors and a full-text index, in LanceDB
// (embedded, files under a local folder, or an object store such as `s3://bucket/prefix`, passed
// through as given). One connection per URI per process, opened lazily; table handles are kept
// open because LanceDB caches index pages in them.
//
// Layout: one table per vector store (the caller names it, e.g. `vs_<storeId>_g<generation>`).
// Each store fixes its own embedder, so its dimension can differ from every other store's, and a
// LanceDB vector column has one fixed size per table; dropping or rebuilding a store is a table
// drop, with no delete scan through other stores' rows; BM25 statistics (document frequencies,
// average length) stay those of the store's own documents, as OpenAI's file search scopes them;
// and indexes are trained and compacted per store, so a small store never waits behind a large
// one. An assistant with several stores searches each table and merges (search-tables.ts). The
// alternative, one shared table with a `store_id` column, would force one dimension on all stores
// and make every search filter a large table down to a small slice.
//
// Writes to one table (insert, delete, drop, optimize) go through a per-table queue, because
// LanceDB rejects a commit that conflicts with a concurrent one, and with several replicas through
// a lock they share (`crossProcessLock`): not every S3-compatible store honours the conditional
// writes LanceDB's own commits rely on on S3. Reads never wait. New rows are
// searchable as soon as addChunks() resolves: LanceDB also scans the rows that no index covers
// yet, and addChunks() rebuilds the full-text index whenever those outnumber the indexed ones (see
// refreshTextIndex). `optimize()`, scheduled by the caller off the request path (after an
// ingestion job, say), compacts small fragments, folds new rows into the indexes, prunes old
// versions, and trains an ANN vector index once a flat scan would be slow (VECTOR_INDEX_*).
import * as lancedb from "@lancedb/lancedb";
import { AppError } from "../../../errors";
import { buildFilter, sqlString } from "./build-filter";
import { assertTableName, chunkSchema, toArrowTable, vectorDimension, type ChunkRow } from "./chunk-table";
import { searchTables, type OpenTable, type SearchHit, type SearchQuery } from "./search-tables";
import { createKeyedQueue } from "./serialize-by-key";

export type { ChunkRow } from "./chunk-table";
export type { AttributeValue, SearchFilter } from "./build-filter";
export type { SearchHit, SearchMode, SearchQuery } from "./search-tables";

/** A chunk as stored: its text as indexed (the heading path in front, see ingest-file.ts). */
export interface StoredChunk {
  chunkIndex: number;
  text: string;
  heading: string | null;
  page: number | null;
}

export interface OptimizeResult {
  rows: number;
  /** What happened to the ANN vector index: none yet (small table), trained now, or updated. */
  vectorIndex: "none" | "trained" | "updated";
}

export interface VectorIndex {
  readonly uri: string;
  /** Creates the table (and its full-text index) if missing; CONFLICT if it exists with another dimension. */
  ensureTable(table: string, dimension: number): Promise<void>;
  /** Inserts chunks (in batches); they are searchable when this resolves. */
  addChunks(table: string, rows: readonly ChunkRow[]): Promise<void>;
  deleteFile(table: string, fileId: string): Promise<void>;
  /** Removes the table and its files; a missing table is fine. */
  dropTable(table: string): Promise<void>;
  countRows(table: string, fileId?: string): Promise<number>;
  /** A file's chunks from index `from` (0: the first), at most `limit`, in order (a missing table has none). */
  fileChunks(table: string, fileId: string, limit: number, from?: number): Promise<StoredChunk[]>;
  /** Best chunks over all `tables` (missing ones count as empty), best first. */
  search(tables: readonly string[], query: SearchQuery): Promise<SearchHit[]>;
  /** Compaction and index maintenance; run it off the request path, e.g. after an ingestion job. */
  optimize(table: string): Promise<OptimizeResult>;
  listTables(): Promise<string[]>;
  /** Closes the connection and forgets it (tests, shutdown). */
  close(): void;
}

export interface VectorIndexOptions {
  /**
   * Seconds after which a read checks for writes made by other processes. Unset: never (one
   * process writes and reads, which sees its own writes at once, and reads cost no extra I/O).
   */
  readConsistencySeconds?: number;
  /** Object store settings (credentials, region, endpoint) for a remote URI. */
  storageOptions?: Record<string, string>;
  /** Rows from which optimize() trains an ANN vector index. Default 20,000. */
  vectorIndexMinRows?: number;
  /**
   * Holds a table's writes apart from other processes' (several replicas on one store): each
   * write runs inside it, after this process's own queue, and first brings its handle to the
   * latest version. Unset: this process is the only writer.
   */
  crossProcessLock?: <T>(table: string, task: () => Promise<T>) => Promise<T>;
}

/** Rows per LanceDB insert: bounds the memory of one Arrow batch. */
const INSERT_BATCH = 4_096;
/**
 * From this size optimize() trains an IVF-RQ index (IVF partitions, RaBitQ-compressed vectors,
 * re-ranked exactly at query time) instead of leaving searches to a flat scan. Measured on two
 * loaded cores with hash-embedded chunks: at 10k rows the flat scan made hybrid search p99 115 ms,
 * the index 16 ms, with the same hit rate; at 100k, IVF-RQ trains in ~4 s and answers in ~5 ms;
 * IVF-PQ took ~60 s to train and lost more recall (product quantization suits the lexical hash
 * vectors badly); IVF-FLAT answered in ~20 ms. The index is retrained when the table has doubled,
 * because new rows only join the partitions trained before.
 */
const VECTOR_INDEX_MIN_ROWS = 5_000;
const VECTOR_INDEX_REGROWTH = 2;
/** The vector index's name records the row count it was trained on: vector_idx_<rows>. */
const VECTOR_INDEX_PREFIX = "vector_idx_";
const TEXT_INDEX = "text_idx";
/** Old table versions are kept this long for reads still in flight, then pruned. */
const VERSION_RETENTION_MS = 10 * 60_000;
const FTS_OPTIONS = {
  baseTokenizer: "simple",
  language: "English",
  lowercase: true,
  asciiFolding: true,
  stem: true,
  removeStopWords: true,
  withPosition: false,
} as const;

// On globalThis so that Next's dev reloads reuse the connections.
const globalForIndex = globalThis as unknown as { hearthVectorIndexes?: Map<string, VectorIndex> };

/** The process-wide index for `uri`, created on first use (the options of that first call apply). */
export function getVectorIndex(uri: string, options: VectorIndexOptions = {}): VectorIndex {
  globalForIndex.hearthVectorIndexes ??= new Map();
  let index = globalForIndex.hearthVectorIndexes.get(uri);
  if (!index) {
    index = createVectorIndex(uri, options);
    globalForIndex.hearthVectorIndexes.set(uri, index);
  }
  return index;
}

function createVectorIndex(uri: string, options: VectorIndexOptions): VectorIndex {
  let connection: Promise<lancedb.Connection> | undefined;
  const handles = new Map<string, Promise<OpenTable | null>>();
  const queue = createKeyedQueue();
  const lock = options.crossProcessLock;
  // One writer per table: this process's queue first, then (with replicas) the shared lock, under
  // which the handle catches up with what the other writers committed.
  const serialize = <T>(name: string, task: () => Promise<T>): Promise<T> =>
    queue(name, () =>
      lock
        ? lock(name, async () => {
            const cached = await handles.get(name)?.catch(() => null);
            await cached?.table.checkoutLatest();
            return task();
          })
        : task(),
    );

  const connect = (): Promise<lancedb.Connection> => {
    connection ??= lancedb
      .connect(uri, {
        readConsistencyInterval: options.readConsistencySeconds,
        storageOptions: options.storageOptions,
      })
      .catch((error: unknown) => {
        connection = undefined;
        throw new AppError("UNAVAILABLE", `Could not open the vector index at ${uri}: ${describe(error)}`);
      });
    return connection;
  };

  /** The open table, or null when it does not exist (not cached, so a later create is seen). */
  const open = (name: string): Promise<OpenTable | null> => {
    assertTableName(name);
    const cached = handles.get(name);
    if (cached) return cached;
    const handle = connect()
      .then((db) => db.openTable(name))
      .then(describeTable, (error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      });
    handles.set(name, handle);
    const forgetUnlessOpen = (table: OpenTable | null) => {
      if (!table) forget(name, handle);
    };
    void handle.then(forgetUnlessOpen, () => forget(name, handle));
    return handle;
  };

  const forget = (name: string, handle?: Promise<OpenTable | null>) => {
    if (!handle || handles.get(name) === handle) handles.delete(name);
  };

  const mustOpen = async (name: string): Promise<OpenTable> => {
    const table = await open(name);
    if (!table) throw new AppError("NOT_FOUND", `Vector table '${name}' does not exist`);
    return table;
  };

  return {
    uri,

    ensureTable: (name, dimension) =>
      serialize(name, async () => {
        if (!Number.isInteger(dimension) || dimension < 1) {
          throw new AppError("INVALID_INPUT", `Invalid vector dimension ${dimension}`);
        }
        let table = await open(name);
        if (!table) {
          const db = await connect();
          forget(name);
          const created = await db.createEmptyTable(name, chunkSchema(dimension), { existOk: true });
          table = await describeTable(created);
          handles.set(name, Promise.resolve(table));
        }
        if (table.dimension !== dimension) {
          throw new AppError(
            "CONFLICT",
            `Vector table '${name}' holds ${table.dimension}-dimensional vectors, not ${dimension}`,
          );
        }
        await ensureTextIndex(table.table);
      }),

    addChunks: (name, rows) =>
      serialize(name, async () => {
        const { table, dimension } = await mustOpen(name);
        for (let start = 0; start < rows.length; start += INSERT_BATCH) {
          await table.add(toArrowTable(rows.slice(start, start + INSERT_BATCH), dimension));
        }
        await refreshTextIndex(table);
      }),

    deleteFile: (name, fileId) =>
      serialize(name, async () => {
        const open_ = await open(name);
        if (open_) await open_.table.delete(`file_id = ${sqlString(fileId)}`);
      }),

    dropTable: (name) =>
      serialize(name, async () => {
        assertTableName(name);
        const db = await connect();
        const handle = handles.get(name);
        forget(name);
        (await handle?.catch(() => null))?.table.close();
        await db.dropTable(name).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
      }),

    countRows: async (name, fileId) => {
      const table = await open(name);
      if (!table) return 0;
      return table.table.countRows(fileId === undefined ? undefined : buildFilter({ fileIds: [fileId] }));
    },

    fileChunks: async (name, fileId, limit, from = 0) => {
      const table = await open(name);
      if (!table) return [];
      // Chunk indexes are 0..n-1, so a window of them is a range of indexes: no sort over the file.
      const start = Math.max(0, Math.floor(from));
      const end = start + Math.max(0, Math.floor(limit));
      const result = await table.table
        .query()
        .where(`${buildFilter({ fileIds: [fileId] })} AND chunk_index >= ${start} AND chunk_index < ${end}`)
        .select(["chunk_index", "text", "heading", "page"])
        .limit(limit)
        .toArray();
      return (result as { chunk_index: number; text: string; heading: string | null; page: number | null }[])
        .map((row) => ({
          chunkIndex: row.chunk_index,
          text: row.text,
          heading: row.heading ?? null,
          page: row.page ?? null,
        }))
        .sort((a, b) => a.chunkIndex - b.chunkIndex);
    },

    search: async (names, query) => {
      const tables = (await Promise.all([...new Set(names)].map(open))).filter((table) => table !== null);
      return searchTables(tables, query);
    },

    optimize: (name) =>
      serialize(name, async () => {
        const open_ = await open(name);
        if (!open_) return { rows: 0, vectorIndex: "none" };
        const { table } = open_;
        await ensureTextIndex(table);
        await table.optimize({ cleanupOlderThan: new Date(Date.now() - VERSION_RETENTION_MS) });
        const minRows = options.vectorIndexMinRows ?? VECTOR_INDEX_MIN_ROWS;
        return { rows: await table.countRows(), vectorIndex: await maintainVectorIndex(table, minRows) };
      }),

    listTables: async () => (await connect()).tableNames(),

    close: () => {
      globalForIndex.hearthVectorIndexes?.delete(uri);
      for (const handle of handles.values())
        void handle.then(
          (table) => table?.table.close(),
          () => undefined,
        );
      handles.clear();
      void connection?.then(
        (db) => db.close(),
        () => undefined,
      );
      connection = undefined;
    },
  };
}

async function describeTable(table: lancedb.Table): Promise<OpenTable> {
  return { name: table.name, table, dimension: vectorDimension(await table.schema()) };
}

async function ensureTextIndex(table: lancedb.Table): Promise<void> {
  if (!(await table.indexStats(TEXT_INDEX))) await buildTextIndex(table);
}

function buildTextIndex(table: lancedb.Table): Promise<void> {
  return table.createIndex("text", {
    name: TEXT_INDEX,
    config: lancedb.Index.fts(FTS_OPTIONS),
    replace: true,
  });
}

/**
 * LanceDB's full-text search does scan rows added since the index was built, but scores them with
 * the index's statistics: rows added to an index built on an empty or small table all get the
 * same IDF, and a rare term such as a product code no longer stands out. So the index is rebuilt
 * whenever the unindexed rows outnumber the indexed ones: its statistics always cover at least
 * half the table, and as rebuilds happen at each doubling, their total cost stays within twice
 * one build of the final table (about 8 s for 100k chunks on two cores).
 */
async function refreshTextIndex(table: lancedb.Table): Promise<void> {
  const stats = await table.indexStats(TEXT_INDEX);
  if (!stats || stats.numUnindexedRows > stats.numIndexedRows) await buildTextIndex(table);
}

/**
 * Trains the ANN index when the table is big enough, retrains it when the table has outgrown it
 * (the new index is built under a new name before the old one goes, so searches never fall back
 * to a flat scan in between). optimize() has already added any new rows to an existing index.
 */
async function maintainVectorIndex(
  table: lancedb.Table,
  minRows: number,
): Promise<OptimizeResult["vectorIndex"]> {
  const rows = await table.countRows();
  const current = (await table.listIndices()).find((index) => index.columns.includes("vector"));
  const trainedOn = current ? Number(current.name.slice(VECTOR_INDEX_PREFIX.length)) || 0 : 0;
  if (rows < minRows) return current ? "updated" : "none";
  if (current && rows < trainedOn * VECTOR_INDEX_REGROWTH) return "updated";
  await table.createIndex("vector", {
    name: `${VECTOR_INDEX_PREFIX}${rows}`,
    config: lancedb.Index.ivfRq({ distanceType: "dot" }),
    replace: true,
  });
  if (current) await table.dropIndex(current.name);
  return "trained";
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && /was not found|not found:/i.test(error.message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
