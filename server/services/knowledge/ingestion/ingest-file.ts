// One ingestion job, start to end: read the stored bytes, parse and chunk them by tokens in a
// child process (bounded in time and memory), embed in batches, and index into the store's LanceDB
// table. Each stage is recorded (the console shows it) and renews the job's lease. A re-run after
// a crash starts over and first removes whatever the earlier run indexed, so it is idempotent.
// A document that cannot be read fails for good with the reason; anything else (an embedding
// server that is down) is retried a few times before the job fails.
import { env } from "../../../env";
import { getDb } from "../../../db/client";
import { logger } from "../../../logger";
import { getIndex, resolveEmbedder, storeTable } from "../knowledge-adapters";
import { DocumentError } from "../parsing/document-error";
import type { DocumentFormat } from "../parsing/document-types";
import { chunkDocumentInWorker } from "../parsing/parse-in-worker";
import { observeIngestion } from "../../observability/metrics";
import { recordSpanError, withSpan, type Span } from "../../observability/tracing";
import { getBlobStorage } from "../storage/blob-storage";
import { scheduleCompaction } from "./compaction";
import {
  completeJob,
  failJob,
  LEASE_MS,
  MAX_ATTEMPTS,
  recordStage,
  renewLease,
  retryJobLater,
  type ClaimedJob,
} from "./ingestion-jobs";

const EMBED_BATCH = 64;

class JobLost extends Error {}

async function loadJob(jobId: string) {
  return getDb().vectorStoreFile.findUnique({
    where: { id: jobId },
    include: {
      file: true,
      vectorStore: { include: { assistant: { select: { chunkMaxTokens: true, chunkOverlapTokens: true } } } },
    },
  });
}

/** One job, traced as `knowledge.ingest` with a child span per stage (parse, embed, index). */
export function ingestFile(claimed: ClaimedJob, workerId: string): Promise<void> {
  const attributes = { "hearth.ingestion.job_id": claimed.id, "hearth.ingestion.attempt": claimed.attempts };
  return withSpan("knowledge.ingest", attributes, (span) => runJob(claimed, workerId, span), { root: true });
}

async function runJob(claimed: ClaimedJob, workerId: string, span: Span): Promise<void> {
  const job = await loadJob(claimed.id);
  if (!job) return;
  span.setAttributes({
    "hearth.file.id": job.file.id,
    "hearth.file.format": job.file.format,
    "hearth.vector_store.id": job.vectorStore.id,
  });
  const { file, vectorStore: store } = job;
  const table = storeTable({ id: store.id, generation: job.generation });
  const stage = async (name: Parameters<typeof recordStage>[2]) => {
    if (!(await recordStage(job.id, workerId, name))) throw new JobLost();
  };
  // A long parse or a slow embedding server must not let the lease lapse while we still work.
  const heartbeat = setInterval(() => {
    renewLease(job.id, workerId).catch((error: unknown) =>
      logger.warn({ err: error, job: job.id }, "could not renew an ingestion lease"),
    );
  }, LEASE_MS / 3);
  heartbeat.unref();
  try {
    await stage("parsing");
    const bytes = await getBlobStorage().read(file.sha256);
    // Parsing and chunking (token counting) both run in the parse process, off the event loop.
    const chunks = await withSpan("knowledge.parse", { "hearth.file.bytes": bytes.byteLength }, () =>
      chunkDocumentInWorker(
        bytes,
        { format: file.format as DocumentFormat, mimeType: file.mimeType },
        {
          maxDecompressedBytes: env.HEARTH_MAX_DECOMPRESSED_BYTES,
          maxCompressionRatio: env.HEARTH_MAX_COMPRESSION_RATIO,
          timeoutMs: env.HEARTH_PARSE_TIMEOUT_MS,
          memoryLimitMb: env.HEARTH_PARSE_MAX_MEMORY_MB,
          chunking: {
            maxTokens: store.chunkMaxTokens ?? store.assistant.chunkMaxTokens,
            overlapTokens: store.chunkOverlapTokens ?? store.assistant.chunkOverlapTokens,
          },
        },
      ),
    );
    span.setAttribute("hearth.ingestion.chunks", chunks.length);

    await stage("embedding");
    const { embedder, key, dimension } = await resolveEmbedder();
    if (key !== store.embeddingKey) {
      // The store was written by another embedder: its re-index (at start-up) owns this file now.
      throw new JobLost();
    }
    // Each chunk is embedded and indexed with its section's heading path in front ("Leave >
    // Bereavement"): a passage under "NR-700 specifications" is about the NR-700 even when its
    // own text never names it (the corpus recall test lost 4 of 60 questions without this).
    const texts = chunks.map((chunk) => (chunk.heading ? `${chunk.heading}\n\n${chunk.text}` : chunk.text));
    const vectors: Float32Array[] = [];
    await withSpan(
      "knowledge.embed",
      { "hearth.embedder": key, "hearth.ingestion.chunks": texts.length },
      async () => {
        for (let start = 0; start < texts.length; start += EMBED_BATCH) {
          vectors.push(...(await embedder.embed(texts.slice(start, start + EMBED_BATCH), "document")));
          await stage("embedding");
        }
      },
    );

    await stage("indexing");
    const index = getIndex();
    await withSpan("knowledge.index", { "hearth.ingestion.chunks": chunks.length }, async () => {
      await index.ensureTable(table, dimension);
      await index.deleteFile(table, file.id);
      await index.addChunks(
        table,
        chunks.map((chunk, position) => ({
          id: `${file.id}:${chunk.index}`,
          fileId: file.id,
          chunkIndex: chunk.index,
          text: texts[position]!,
          heading: chunk.heading,
          page: chunk.page,
          attributes: job.attributes as Record<string, string | number | boolean>,
          vector: vectors[position]!,
        })),
      );
    });
    const usageBytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    if (!(await completeJob(job.id, workerId, job.generation, { chunkCount: chunks.length, usageBytes }))) {
      throw new JobLost();
    }
    scheduleCompaction(table);
    observeIngestion("completed", chunks.length);
  } catch (error) {
    if (!(error instanceof JobLost)) recordSpanError(span, error);
    await handleFailure(error, claimed, workerId, table, file.id);
  } finally {
    clearInterval(heartbeat);
  }
}

async function handleFailure(
  error: unknown,
  claimed: ClaimedJob,
  workerId: string,
  table: string,
  fileId: string,
) {
  if (error instanceof JobLost) {
    // Deleted, re-indexed or taken over while we worked: if the file left this store, so must
    // any vectors this run wrote (deleting them is idempotent and harmless otherwise).
    const still = await getDb().vectorStoreFile.findUnique({ where: { id: claimed.id } });
    if (!still)
      await getIndex()
        .deleteFile(table, fileId)
        .catch(() => undefined);
    return;
  }
  if (error instanceof DocumentError) {
    await failJob(claimed.id, workerId, { code: error.code, message: error.message });
    observeIngestion("failed");
    return;
  }
  logger.warn({ err: error, job: claimed.id, attempt: claimed.attempts }, "ingestion attempt failed");
  if (claimed.attempts >= MAX_ATTEMPTS) {
    const message = error instanceof Error ? error.message : "unknown error";
    await failJob(claimed.id, workerId, {
      code: "ingestion_failed",
      message: `Ingestion failed after ${claimed.attempts} attempts: ${message}`.slice(0, 1000),
    });
    observeIngestion("failed");
  } else {
    await retryJobLater(claimed.id, workerId, 2_000 * 2 ** claimed.attempts);
    observeIngestion("retried");
  }
}
