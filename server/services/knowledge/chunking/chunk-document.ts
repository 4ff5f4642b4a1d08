// Cuts a parsed document into chunks for embedding, sized in real tokens: the o200k encoding of
// GPT-OSS and recent OpenAI models, as the chat history counts them. A chunk belongs to one
// section, so its heading and page are true of all its text, and the heading stays in its own
// field rather than in the text. Consecutive sections with the same heading and page are packed
// together (the groups of rows of one CSV, the parts of one JSON array): nothing meaningful
// separates them, and packing avoids a tail of tiny chunks. Defaults are OpenAI's file search
// ones (800 tokens, 400 of overlap). How the text of a section is cut: see chunk-text.ts.
import type { DocumentSection, ParsedDocument } from "../parsing/parse-document";
import { chunkText } from "./chunk-text";

export interface ChunkOptions {
  maxTokens: number;
  /** Tokens repeated from the end of the previous chunk of the same section; below maxTokens. */
  overlapTokens: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxTokens: 800, overlapTokens: 400 };

// Any character must fit in a chunk: one is at most four tokens (its UTF-8 bytes).
const MIN_MAX_TOKENS = 8;

export interface DocumentChunk {
  /** 0-based position in the whole document. */
  index: number;
  text: string;
  tokenCount: number;
  heading: string | null;
  page: number | null;
}

export function chunkDocument(
  document: ParsedDocument,
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): DocumentChunk[] {
  checkOptions(options);
  const chunks: DocumentChunk[] = [];
  for (const section of mergeSections(document.sections)) {
    for (const { text, tokenCount } of chunkText(section.text, options.maxTokens, options.overlapTokens)) {
      chunks.push({ index: chunks.length, text, tokenCount, heading: section.heading, page: section.page });
    }
  }
  return chunks;
}

function mergeSections(sections: DocumentSection[]): DocumentSection[] {
  const merged: DocumentSection[] = [];
  for (const section of sections) {
    if (!/\S/.test(section.text)) continue;
    const last = merged.at(-1);
    if (last && last.heading === section.heading && last.page === section.page) {
      last.text += `\n\n${section.text}`;
    } else {
      merged.push({ ...section });
    }
  }
  return merged;
}

function checkOptions({ maxTokens, overlapTokens }: ChunkOptions): void {
  if (!Number.isInteger(maxTokens) || maxTokens < MIN_MAX_TOKENS) {
    throw new RangeError(`maxTokens must be an integer of at least ${MIN_MAX_TOKENS}, got ${maxTokens}`);
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new RangeError(`overlapTokens must be an integer from 0 to below maxTokens, got ${overlapTokens}`);
  }
}
