// Parses (and for ingestion also chunks) a document in a child process, so that CPU-heavy parsing
// and token counting never block the server's event loop, a parser that runs too long is stopped,
// and one document cannot take the server down by memory. One process per parse: starting one
// costs a fraction of a second, small beside parsing a document, and a crash or leak in a parser
// dies with it.
//
// Why a process and not a worker thread: a worker's `resourceLimits` cap only its V8 heap, and
// when a single allocation overshoots that cap by more than the few MB Node allows to wind the
// worker down, V8 aborts the whole process (tried: mammoth splitting a 250 MB document part did
// exactly that). Parsers also hold much of their memory outside the heap (inflated zip entries and
// PDF streams are ArrayBuffers), which no heap limit counts. So the child gets a heap limit of its
// own (`--max-old-space-size`; running out aborts only the child), and the parent watches the
// child's resident memory, heap and buffers alike, and kills it past the limit. The resident
// memory is read from /proc (Linux, where Hearth is deployed); elsewhere the heap limit alone holds.
//
// The child runs a few lines of plain JavaScript given as source (`node -e`): Node runs them as
// they are, outside any bundle, and they load the TypeScript job through tsx's API. The job is
// found from the working directory (Hearth always runs from the project root): Next bundles this
// module into .next/, so a path relative to it (import.meta.url, __dirname) would lead nowhere,
// and a separate entry file would be bundled away from the TypeScript it loads.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { logger } from "../../../logger";
import { DocumentError } from "./document-error";
import type { ChunkOptions, DocumentChunk } from "../chunking/chunk-document";
import type { DocumentType, ParsedDocument, ParseLimits } from "./document-types";
import type { ParseOutcome } from "./run-parse-job";

const JOB_MODULE = ["server", "services", "knowledge", "parsing", "run-parse-job.ts"];

// Bare specifiers in `node -e` code resolve from the working directory. A Buffer arrives as a
// Buffer, which pdfjs refuses: the parsers get a plain Uint8Array. The child stays until the
// parent kills it (after the answer, a failure or the timeout) or goes away.
const CHILD_SOURCE = `
process.once("message", (data) => {
  const bytes = new Uint8Array(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  import("tsx/esm/api")
    .then(({ tsImport }) => tsImport(data.job, data.job))
    .then(({ runParseJob }) => runParseJob(bytes, data.type, data.limits, data.chunking, data.keepDocument))
    .then((outcome) => process.send(outcome));
});
process.once("disconnect", () => process.exit(0));
`;
// The heap's share of the memory limit. V8 collects garbage in earnest only near its heap limit:
// at the whole limit, the heap's garbage plus the buffers and code outside it reach the limit
// first and a document that fits is killed (measured: a DOCX with a 7 MB document part failed
// at 512 MB with the whole limit as heap, and read in 490 MB with three quarters).
const HEAP_SHARE = 0.75;
const MEMORY_POLL_MS = 50;
const STDERR_TAIL_CHARS = 4000;
// What V8 prints when the child's heap limit is reached ("... JavaScript heap out of memory",
// "Fatal JavaScript invalid size error", "Fatal process out of memory").
const HEAP_EXHAUSTED = /out of memory|invalid size error|allocation failed/i;

export interface WorkerParseOptions extends ParseLimits {
  timeoutMs: number;
  /** The most memory (resident, in MB) the parse process may use before it is killed. */
  memoryLimitMb: number;
}

export async function parseDocumentInWorker(
  bytes: Uint8Array,
  type: DocumentType,
  options: WorkerParseOptions,
): Promise<ParsedDocument> {
  const outcome = await runInChild(bytes, type, options, null);
  return outcome.document!;
}

/** Parses and chunks in the child: what ingestion needs, without the document crossing back. */
export async function chunkDocumentInWorker(
  bytes: Uint8Array,
  type: DocumentType,
  options: WorkerParseOptions & { chunking: ChunkOptions },
): Promise<DocumentChunk[]> {
  const outcome = await runInChild(bytes, type, options, options.chunking);
  return outcome.chunks!;
}

/** Parses and chunks in the child, and sends back both: a preview shows the text and its chunks. */
export async function parseAndChunkInWorker(
  bytes: Uint8Array,
  type: DocumentType,
  options: WorkerParseOptions & { chunking: ChunkOptions },
): Promise<{ document: ParsedDocument; chunks: DocumentChunk[] }> {
  const outcome = await runInChild(bytes, type, options, options.chunking, true);
  return { document: outcome.document!, chunks: outcome.chunks! };
}

async function runInChild(
  bytes: Uint8Array,
  type: DocumentType,
  options: WorkerParseOptions,
  chunking: ChunkOptions | null,
  keepDocument = false,
): Promise<Extract<ParseOutcome, { ok: true }>> {
  const limits: ParseLimits = {
    maxDecompressedBytes: options.maxDecompressedBytes,
    maxCompressionRatio: options.maxCompressionRatio,
  };
  const job = pathToFileURL(path.join(/* turbopackIgnore: true */ process.cwd(), ...JOB_MODULE)).href;
  // Command-line flags win over any NODE_OPTIONS the server was started with.
  const heapMb = Math.floor(options.memoryLimitMb * HEAP_SHARE);
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "-e", CHILD_SOURCE], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    serialization: "advanced",
    windowsHide: true,
  });
  try {
    const answer = resultOf(child, options);
    // A failed send means the child is gone: its `close` (or `error`) settles the parse.
    child.send({ job, bytes, type, limits, chunking, keepDocument }, () => undefined);
    return await answer;
  } finally {
    await stop(child);
  }
}

function resultOf(
  child: ChildProcess,
  options: WorkerParseOptions,
): Promise<Extract<ParseOutcome, { ok: true }>> {
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    // The first event decides; later ones (the exit that follows an answer or a kill) are not
    // failures and must not be logged as such.
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(timedOut(options.timeoutMs))), options.timeoutMs);
    const watch = watchMemory(child, options.memoryLimitMb, (residentMb) =>
      settle(() => {
        logger.warn({ residentMb, limitMb: options.memoryLimitMb }, "document parser over its memory limit");
        reject(needsMoreMemory(options.memoryLimitMb));
      }),
    );
    child.once("message", (outcome: ParseOutcome) =>
      settle(() => {
        if (outcome.ok) return resolve(outcome);
        if (outcome.detail) logger.warn({ detail: outcome.detail }, "document parser failed");
        if (outcome.code === "too_complex") return reject(needsMoreMemory(options.memoryLimitMb));
        reject(new DocumentError(outcome.code, outcome.message));
      }),
    );
    child.once("error", (error) => settle(() => reject(workerFailure(error))));
    // `close` (not `exit`) so that stderr has been read in full when the cause is judged.
    child.once("close", (code, signal) =>
      settle(() => {
        if (HEAP_EXHAUSTED.test(stderr)) {
          logger.warn({ limitMb: options.memoryLimitMb }, "document parser ran out of heap");
          return reject(needsMoreMemory(options.memoryLimitMb));
        }
        const cause = `the parse process ended (${signal ?? `exit code ${code}`}) before answering`;
        reject(workerFailure(new Error(stderr ? `${cause}: ${stderr.slice(-500)}` : cause)));
      }),
    );
  });
}

/** Calls `over` when the child's resident memory passes the limit; stops where it cannot be read. */
function watchMemory(child: ChildProcess, limitMb: number, over: (residentMb: number) => void) {
  let reading = false;
  const check = async (pid: number) => {
    reading = true;
    const resident = await residentMb(pid);
    reading = false;
    if (resident === null) clearInterval(watch);
    else if (resident > limitMb) over(Math.round(resident));
  };
  const watch = setInterval(() => {
    if (!reading && child.pid !== undefined) void check(child.pid);
  }, MEMORY_POLL_MS);
  return watch;
}

async function residentMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kilobytes === undefined ? null : Number(kilobytes) / 1024;
  } catch {
    return null; // not Linux, or the process is gone (its exit settles the parse)
  }
}

/** Kills the child unless it already ended, and waits for it, so the slot it held is free. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  await ended;
}

function needsMoreMemory(limitMb: number): DocumentError {
  return new DocumentError(
    "too_complex",
    `The document needs more memory to read than the limit allows (${limitMb} MB, set by HEARTH_PARSE_MAX_MEMORY_MB).`,
  );
}

function timedOut(timeoutMs: number): DocumentError {
  const duration = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  return new DocumentError("timeout", `Reading the document took longer than ${duration} and was stopped.`);
}

/**
 * The process itself failed (it could not start, or died outside the parser): not the document's
 * fault, so a plain error the ingestion retries, with the detail in the log only.
 */
function workerFailure(error: Error): Error {
  logger.error({ err: error }, "document parse process failed");
  return new Error("The document parser failed unexpectedly; the server log has the details.");
}
