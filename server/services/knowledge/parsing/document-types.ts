// The shapes shared by detection, parsing (in-process or in the worker) and chunking. They are
// plain data, so a parsed document crosses the worker boundary by structured clone unchanged.

export type DocumentFormat = "pdf" | "docx" | "xlsx" | "html" | "markdown" | "text" | "csv" | "json";

export interface DocumentType {
  format: DocumentFormat;
  mimeType: string;
}

export interface ParseLimits {
  /** Sum of the uncompressed sizes a zip-based document (DOCX, XLSX) may expand to. */
  maxDecompressedBytes: number;
  /** Largest uncompressed / compressed ratio accepted for a zip-based document. */
  maxCompressionRatio: number;
}

/** A structural unit of a document: a PDF page, a sheet, the text under one heading. */
export interface DocumentSection {
  text: string;
  /** The heading path, such as "Install > Linux"; a sheet's name for spreadsheets. */
  heading: string | null;
  /** 1-based page number, for paged formats (PDF). */
  page: number | null;
}

export interface ParsedDocument {
  format: DocumentFormat;
  title: string | null;
  pageCount: number | null;
  sections: DocumentSection[];
}
