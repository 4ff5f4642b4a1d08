// Parses (and for ingestion also chunks) a document in a worker thread, so that CPU-heavy parsing
// and token counting never block the server's event loop, a parser that runs too long is stopped (the thread is terminated), and a parser's heap is
// capped. One worker per parse: starting a thread costs a fraction of a second, small beside
// parsing a document, and a crash or leak in a parser dies with its thread.
//
// The worker runs a few lines of plain JavaScript given as source (eval): Node runs them as they
// are, outside any bundle, and they load the TypeScript job through tsx's API. The job is found
// from the working directory (Hearth always runs from the project root): Next bundles this module
// into .next/, so a path relative to it (import.meta.url, __dirname) would lead nowhere, and a
// separate entry file would be bundled by Turbopack (it bundles `new Worker()` entries since Next
// 16.2) away from the TypeScript it loads. Turbopack leaves `eval: true` workers alone.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { logger } from "../../../logger";
import { DocumentError } from "./document-error";
import type { ChunkOptions, DocumentChunk } from "../chunking/chunk-document";
import type { DocumentType, ParsedDocument, ParseLimits } from "./document-types";
import type { ParseOutcome } from "./run-parse-job";

const JOB_MODULE = ["server", "services", "knowledge", "parsing", "run-parse-job.ts"];

// Bare specifiers in eval'd code resolve from the working directory, like `node -e`.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
import("tsx/esm/api")
  .then(({ tsImport }) => tsImport(workerData.job, workerData.job))
  .then(({ runParseJob }) => runParseJob(workerData.bytes, workerData.type, workerData.limits, workerData.chunking))
  .then((outcome) => parentPort.postMessage(outcome));
`;
const MAX_HEAP_MB = 1024;

export interface WorkerParseOptions extends ParseLimits {
  timeoutMs: number;
}

export async function parseDocumentInWorker(
  bytes: Uint8Array,
  type: DocumentType,
  options: WorkerParseOptions,
): Promise<ParsedDocument> {
  const outcome = await runInWorker(bytes, type, options, null);
  return outcome.document!;
}

/** Parses and chunks in the worker: what ingestion needs, without the document crossing back. */
export async function chunkDocumentInWorker(
  bytes: Uint8Array,
  type: DocumentType,
  options: WorkerParseOptions & { chunking: ChunkOptions },
): Promise<DocumentChunk[]> {
  const outcome = await runInWorker(bytes, type, options, options.chunking);
  return outcome.chunks!;
}

async function runInWorker(
  bytes: Uint8Array,
  type: DocumentType,
  options: WorkerParseOptions,
  chunking: ChunkOptions | null,
): Promise<Extract<ParseOutcome, { ok: true }>> {
  const limits: ParseLimits = {
    maxDecompressedBytes: options.maxDecompressedBytes,
    maxCompressionRatio: options.maxCompressionRatio,
  };
  const job = pathToFileURL(path.join(/* turbopackIgnore: true */ process.cwd(), ...JOB_MODULE)).href;
  const worker = new Worker(/* turbopackIgnore: true */ WORKER_SOURCE, {
    eval: true,
    workerData: { job, bytes, type, limits, chunking },
    resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
  });
  try {
    return await resultOf(worker, options.timeoutMs);
  } finally {
    await worker.terminate();
  }
}

function resultOf(worker: Worker, timeoutMs: number): Promise<Extract<ParseOutcome, { ok: true }>> {
  return new Promise((resolve, reject) => {
    // The first event decides; later ones (the exit that follows a message or a terminate) are not
    // failures and must not be logged as such.
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(timedOut(timeoutMs))), timeoutMs);
    worker.once("message", (outcome: ParseOutcome) =>
      settle(() => {
        if (outcome.ok) return resolve(outcome);
        if (outcome.detail) logger.warn({ detail: outcome.detail }, "document parser failed");
        reject(new DocumentError(outcome.code, outcome.message));
      }),
    );
    worker.once("error", (error: Error & { code?: string }) =>
      settle(() => {
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
          return reject(
            new DocumentError("too_large", "The document needs more memory to read than is allowed."),
          );
        }
        reject(workerFailure(error));
      }),
    );
    worker.once("exit", (code) =>
      settle(() =>
        reject(workerFailure(new Error(`the parse worker exited with code ${code} before answering`))),
      ),
    );
  });
}

function timedOut(timeoutMs: number): DocumentError {
  const duration = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  return new DocumentError("timeout", `Reading the document took longer than ${duration} and was stopped.`);
}

/**
 * The worker itself failed (it could not start, or died outside the parser): not the document's
 * fault, so a plain error the ingestion retries, with the detail in the log only.
 */
function workerFailure(error: Error): Error {
  logger.error({ err: error }, "document parse worker failed");
  return new Error("The document parser failed unexpectedly; the server log has the details.");
}
