// Decides what an uploaded file is from its bytes, not its name: binary formats by their
// signature (file-type, which also looks inside a zip to tell DOCX from XLSX), text formats by
// being valid UTF-8, after which the extension and the first characters choose among the text
// formats. Runs at upload, so a bad file is refused before it is stored or queued.
import { fileTypeFromBuffer, type FileTypeResult } from "file-type";
import { DocumentError } from "./document-error";
import type { DocumentType } from "./document-types";

export type { DocumentFormat, DocumentType } from "./document-types";

const SUPPORTED = "PDF, Word (.docx), Excel (.xlsx), HTML, Markdown, plain text, CSV and JSON";

const BINARY_TYPES: Partial<Record<string, DocumentType>> = {
  pdf: { format: "pdf", mimeType: "application/pdf" },
  docx: {
    format: "docx",
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  xlsx: { format: "xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
};

const UNSUPPORTED_HINTS: Partial<Record<string, string>> = {
  cfb: "a legacy Microsoft Office file (.doc, .xls or .ppt); save it as .docx or .xlsx",
  docm: "a macro-enabled Word document; save it as .docx",
  xlsm: "a macro-enabled Excel workbook; save it as .xlsx",
  pptx: "a PowerPoint presentation",
  zip: "a ZIP archive that is not a Word or Excel document",
  rtf: "an RTF document; save it as .docx",
};

// Names that promise a binary format: text behind them is a mislabelled file, not a text file.
const BINARY_EXTENSIONS = new Set(["pdf", "docx", "xlsx", "doc", "xls", "ppt", "pptx"]);

// file-type names a few text formats (XML, calendars, subtitles) by their first bytes; those are
// judged as text like any other.
const TEXTUAL_MIME = /^(text\/|application\/xml$)/;

// An Office document saved with a password is not a zip but an OLE container holding this stream.
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

const HTML_START = /^\s*(<!doctype\s+html|<html[\s>])/i;

export async function detectDocumentType(bytes: Uint8Array, filename: string): Promise<DocumentType> {
  if (isBlank(bytes)) throw new DocumentError("empty", "The file is empty.");
  const extension = extensionOf(filename);
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && !TEXTUAL_MIME.test(detected.mime)) return binaryType(detected, bytes);

  const text = decodeUtf8(bytes);
  if (text === null) {
    throw new DocumentError(
      "unsupported_type",
      `The file is binary data of an unknown type, or text that is not UTF-8. Supported types: ${SUPPORTED}.`,
    );
  }
  if (BINARY_EXTENSIONS.has(extension)) {
    throw new DocumentError(
      "unsupported_type",
      `The file is named .${extension} but contains plain text, not a ${extension.toUpperCase()} document.`,
    );
  }
  return textType(text, extension);
}

function binaryType(detected: FileTypeResult, bytes: Uint8Array): DocumentType {
  const known = BINARY_TYPES[detected.ext];
  if (known) return known;
  if (
    detected.ext === "cfb" &&
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)
  ) {
    throw new DocumentError(
      "encrypted",
      "The document is password-protected. Remove the password and upload it again.",
    );
  }
  const what = UNSUPPORTED_HINTS[detected.ext] ?? describe(detected);
  throw new DocumentError(
    "unsupported_type",
    `The file is ${what}, which cannot be read. Supported types: ${SUPPORTED}.`,
  );
}

function describe({ ext, mime }: FileTypeResult): string {
  const kind = mime.startsWith("image/")
    ? "image"
    : mime.startsWith("audio/")
      ? "audio file"
      : mime.startsWith("video/")
        ? "video"
        : "file";
  return `a ${ext.toUpperCase()} ${kind} (${mime})`;
}

function textType(text: string, extension: string): DocumentType {
  switch (extension) {
    case "json":
      return { format: "json", mimeType: "application/json" };
    case "md":
    case "markdown":
    case "mdown":
    case "mkd":
      return { format: "markdown", mimeType: "text/markdown" };
    case "csv":
      return { format: "csv", mimeType: "text/csv" };
    case "tsv":
      return { format: "csv", mimeType: "text/tab-separated-values" };
    case "htm":
    case "html":
    case "xhtml":
      return { format: "html", mimeType: "text/html" };
  }
  if (HTML_START.test(text.slice(0, 1024))) return { format: "html", mimeType: "text/html" };
  return { format: "text", mimeType: "text/plain" };
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
}

/** Empty, or nothing but whitespace (after an optional UTF-8 byte order mark). */
function isBlank(bytes: Uint8Array): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let index = start; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte !== 0x20 && (byte < 0x09 || byte > 0x0d)) return false;
  }
  return true;
}

/** The text, or null when the bytes are not UTF-8 text (a NUL byte marks binary data). */
function decodeUtf8(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
