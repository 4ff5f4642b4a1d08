// Parses a document whose type detection already settled, in-process: the parse worker runs this
// (parse-in-worker.ts), and so can tests. Each format yields its structural sections (PDF pages,
// headed parts, sheets, groups of rows); a document with no text at all is refused as empty.
// Format parsers are imported on demand, so a worker reading Markdown never loads pdfjs.
import { DocumentError } from "./document-error";
import type { DocumentSection, DocumentType, ParsedDocument, ParseLimits } from "./document-types";
import { normalizeProse } from "./normalize-text";

export type { DocumentSection, ParsedDocument, ParseLimits } from "./document-types";

interface FormatContent {
  title?: string | null;
  pageCount?: number | null;
  sections: DocumentSection[];
}

export async function parseDocument(
  bytes: Uint8Array,
  type: DocumentType,
  limits: ParseLimits,
): Promise<ParsedDocument> {
  const content = await parseFormat(bytes, type, limits);
  const sections = content.sections.filter((section) => section.text.trim() !== "");
  if (sections.length === 0) {
    throw new DocumentError(
      "empty",
      type.format === "pdf"
        ? "The PDF has no extractable text: it may be scanned images, and OCR is not supported."
        : "The document has no extractable text.",
    );
  }
  return {
    format: type.format,
    title: content.title ?? null,
    pageCount: content.pageCount ?? null,
    sections,
  };
}

async function parseFormat(
  bytes: Uint8Array,
  type: DocumentType,
  limits: ParseLimits,
): Promise<FormatContent> {
  switch (type.format) {
    case "pdf":
      return (await import("./parse-pdf")).parsePdf(bytes);
    case "docx":
      return (await import("./parse-docx")).parseDocx(bytes, limits);
    case "xlsx":
      return (await import("./parse-xlsx")).parseXlsx(bytes, limits);
    case "html":
      return (await import("./parse-html")).parseHtml(decodeText(bytes));
    case "markdown":
      return (await import("./parse-markdown")).parseMarkdown(decodeText(bytes));
    case "csv":
      return { sections: (await import("./parse-csv")).parseCsv(decodeText(bytes), type.mimeType) };
    case "json":
      return { sections: (await import("./parse-json")).parseJson(decodeText(bytes)) };
    case "text":
      return { sections: [{ text: normalizeProse(decodeText(bytes)), heading: null, page: null }] };
    default:
      throw new DocumentError(
        "unsupported_type",
        `Documents of type '${String(type.format)}' cannot be read.`,
      );
  }
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentError("corrupt", "The file is not valid UTF-8 text.");
  }
}
