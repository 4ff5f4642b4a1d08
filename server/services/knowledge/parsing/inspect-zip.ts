// Looks inside a zip-based document (DOCX, XLSX) before any parser inflates it, so a zip bomb is
// refused instead of exhausting the worker: too many entries, declared sizes that add up past
// the limit, or a suspicious compression ratio. The declared sizes could lie, so every entry is
// then inflated once through yauzl, which fails as soon as an entry yields more than it declared;
// the document parsers (which trust the headers) only run on archives that passed. The same pass
// keeps docProps/core.xml, where Office writes the document's title.
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { DocumentError } from "./document-error";
import type { ParseLimits } from "./document-types";

const MAX_ENTRIES = 10_000;
// Below this, even an extreme ratio costs nothing to inflate: small documents of repetitive XML
// legitimately compress very well.
const RATIO_FLOOR_BYTES = 1024 * 1024;
const MAX_CORE_PROPERTIES_BYTES = 256 * 1024;
const CORE_PROPERTIES = "docProps/core.xml";

export interface ZipInspection {
  /** docProps/core.xml, when present and of a sensible size. */
  coreProperties: string | null;
}

export async function inspectZip(bytes: Uint8Array, limits: ParseLimits): Promise<ZipInspection> {
  const zip = await openZip(bytes);
  const entries = await listEntries(zip, limits);
  let coreProperties: string | null = null;
  let inflated = 0;
  for (const entry of entries) {
    const keep = entry.fileName === CORE_PROPERTIES && entry.uncompressedSize <= MAX_CORE_PROPERTIES_BYTES;
    const kept: Buffer[] = [];
    try {
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        const data = chunk as Buffer;
        inflated += data.length;
        if (inflated > limits.maxDecompressedBytes) throw tooBig(limits);
        if (keep) kept.push(data);
      }
    } catch (error) {
      if (error instanceof DocumentError) throw error;
      if (error instanceof Error && error.message.startsWith("too many bytes")) {
        throw new DocumentError("zip_bomb", "The document's archive hides more data than it declares.");
      }
      throw corrupt();
    }
    if (keep) coreProperties = Buffer.concat(kept).toString("utf8");
  }
  return { coreProperties };
}

async function openZip(bytes: Uint8Array): Promise<ZipFile> {
  try {
    return await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
    });
  } catch {
    throw corrupt();
  }
}

async function listEntries(zip: ZipFile, limits: ParseLimits): Promise<Entry[]> {
  if (zip.entryCount > MAX_ENTRIES) {
    throw new DocumentError("zip_bomb", `The document's archive has too many parts (${zip.entryCount}).`);
  }
  const entries: Entry[] = [];
  let uncompressed = 0;
  let compressed = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted()) {
        throw new DocumentError("encrypted", "The document's archive is password-protected.");
      }
      uncompressed += entry.uncompressedSize;
      compressed += entry.compressedSize;
      if (uncompressed > limits.maxDecompressedBytes) throw tooBig(limits);
      entries.push(entry);
    }
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw corrupt();
  }
  if (
    uncompressed > RATIO_FLOOR_BYTES &&
    uncompressed > limits.maxCompressionRatio * Math.max(compressed, 1)
  ) {
    throw new DocumentError(
      "zip_bomb",
      `The document's archive is compressed more than ${limits.maxCompressionRatio} to 1, which is refused as a possible zip bomb.`,
    );
  }
  return entries;
}

function tooBig(limits: ParseLimits): DocumentError {
  const megabytes = limits.maxDecompressedBytes / (1024 * 1024);
  return new DocumentError(
    "zip_bomb",
    `The document expands to more than ${megabytes.toFixed(megabytes < 10 ? 1 : 0)} MB when decompressed, which is refused as a possible zip bomb.`,
  );
}

function corrupt(): DocumentError {
  return new DocumentError("corrupt", "The document's archive is damaged and cannot be opened.");
}
