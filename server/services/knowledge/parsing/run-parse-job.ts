// What the parse process runs: parseDocument, with every outcome turned into plain data
// that crosses the process boundary by structured clone. A DocumentError keeps its code and
// message; a parser that could not get the memory it asked for (an ArrayBuffer or string too big
// to allocate) is a document too complex to read; any other failure is a parser choking on the
// file, reported to the user as a corrupt document with a generic message, its own message kept
// only for the server log.
import { chunkDocument, type ChunkOptions, type DocumentChunk } from "../chunking/chunk-document";
import { DocumentError, type DocumentErrorCode } from "./document-error";
import type { DocumentType, ParsedDocument, ParseLimits } from "./document-types";
import { parseDocument } from "./parse-document";

export type ParseOutcome =
  | { ok: true; document: ParsedDocument; chunks: null }
  | { ok: true; document: null; chunks: DocumentChunk[] }
  | { ok: true; document: ParsedDocument; chunks: DocumentChunk[] }
  | { ok: false; code: DocumentErrorCode; message: string; detail?: string };

export const UNREADABLE_MESSAGE =
  "The document could not be read: it may be damaged or in an unexpected format.";
export const TOO_COMPLEX_MESSAGE = "The document needs more memory to read than the limit allows.";

// V8's RangeErrors for memory it refuses: "Array buffer allocation failed", and "Invalid string
// length" (a string past V8's maximum, about 512 M characters). Invalid array lengths are left
// out: a damaged file can ask for a negative one.
const ALLOCATION_REFUSED = /allocation failed|invalid string length/i;

/**
 * Parses, and with `chunking` also chunks (sending back only the chunks, the smaller message,
 * unless `keepDocument` asks for both: a preview shows the text and its chunks).
 */
export async function runParseJob(
  bytes: Uint8Array,
  type: DocumentType,
  limits: ParseLimits,
  chunking: ChunkOptions | null = null,
  keepDocument = false,
): Promise<ParseOutcome> {
  try {
    const document = await parseDocument(bytes, type, limits);
    if (chunking && keepDocument) return { ok: true, document, chunks: chunkDocument(document, chunking) };
    if (chunking) return { ok: true, document: null, chunks: chunkDocument(document, chunking) };
    return { ok: true, document, chunks: null };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, code: error.code, message: error.message };
    if (error instanceof RangeError && ALLOCATION_REFUSED.test(error.message)) {
      return { ok: false, code: "too_complex", message: TOO_COMPLEX_MESSAGE, detail: error.message };
    }
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, code: "corrupt", message: UNREADABLE_MESSAGE, detail: detail.slice(0, 500) };
  }
}
