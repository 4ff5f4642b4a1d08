// What ingestion will make of a file, without storing anything: the same parse process and
// chunker (parse-in-worker.ts, the default chunking), and what a person needs to judge it: the
// document's title, its headings, the start of its text and its first chunks. Creating an
// assistant from files drafts its settings from these previews.
import { readFile } from "node:fs/promises";
import { env } from "../../../env";
import type { DraftFile } from "../../../schemas/assistant-draft";
import { DEFAULT_CHUNK_OPTIONS } from "../chunking/chunk-document";
import type { ParsedDocument } from "../parsing/document-types";
import { parseAndChunkInWorker } from "../parsing/parse-in-worker";
import type { JudgedFile } from "./upload-files";

const TEXT_CHARS = 4000;
const MAX_HEADINGS = 50;
const PREVIEW_CHUNKS = 3;
const MAX_TITLE_CHARS = 120;
// Formats whose headings are the author's: a sheet's name or a PDF page is no title.
const HEADED_FORMATS = new Set(["markdown", "html", "docx"]);

/** Parses and chunks one judged file; a document that cannot be read throws its DocumentError. */
export async function previewFile(file: JudgedFile): Promise<DraftFile> {
  const { document, chunks } = await parseAndChunkInWorker(
    await readFile(file.path),
    { format: file.format as ParsedDocument["format"], mimeType: file.mimeType },
    {
      maxDecompressedBytes: env.HEARTH_MAX_DECOMPRESSED_BYTES,
      maxCompressionRatio: env.HEARTH_MAX_COMPRESSION_RATIO,
      timeoutMs: env.HEARTH_PARSE_TIMEOUT_MS,
      memoryLimitMb: env.HEARTH_PARSE_MAX_MEMORY_MB,
      chunking: DEFAULT_CHUNK_OPTIONS,
    },
  );
  const text = documentText(document);
  const excerpt = cutAtWord(text, TEXT_CHARS);
  return {
    filename: file.filename,
    format: file.format,
    bytes: file.bytes,
    ...titleOf(document, file.filename),
    headings: headingsOf(document).slice(0, MAX_HEADINGS),
    text: excerpt,
    text_truncated: excerpt.length < text.length,
    characters: text.length,
    chunk_count: chunks.length,
    chunks: chunks.slice(0, PREVIEW_CHUNKS).map((chunk) => ({
      index: chunk.index,
      text: chunk.text,
      token_count: chunk.tokenCount,
      heading: chunk.heading,
      page: chunk.page,
    })),
  };
}

function titleOf(document: ParsedDocument, filename: string): Pick<DraftFile, "title" | "title_source"> {
  const own = clean(document.title ?? "");
  if (own) return { title: own, title_source: "document" };
  const firstHeading = HEADED_FORMATS.has(document.format)
    ? clean(headingsOf(document)[0]?.split(" > ")[0] ?? "")
    : "";
  if (firstHeading) return { title: firstHeading, title_source: "heading" };
  return { title: titleFromFilename(filename), title_source: "filename" };
}

function clean(title: string): string {
  return cutAtWord(title.replace(/\s+/g, " ").trim(), MAX_TITLE_CHARS);
}

/** "employee-handbook_v2.pdf" → "Employee handbook v2". */
export function titleFromFilename(filename: string): string {
  const stem = filename
    .replace(/\.[a-z0-9]{1,5}$/i, "")
    .replace(/[-_.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return stem ? clean(stem.charAt(0).toUpperCase() + stem.slice(1)) : "Documents";
}

function headingsOf(document: ParsedDocument): string[] {
  if (!HEADED_FORMATS.has(document.format)) return [];
  const seen = new Set<string>();
  for (const section of document.sections) if (section.heading) seen.add(section.heading);
  return [...seen];
}

/** The text as a reader sees it: each section under its own heading line. */
function documentText(document: ParsedDocument): string {
  let heading: string | null = null;
  const parts: string[] = [];
  for (const section of document.sections) {
    if (section.heading && section.heading !== heading && HEADED_FORMATS.has(document.format)) {
      parts.push(section.heading.split(" > ").at(-1)!);
    }
    heading = section.heading;
    parts.push(section.text.trim());
  }
  return parts.join("\n\n");
}

/** At most `max` characters, cut at a space when there is one near the end. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}
