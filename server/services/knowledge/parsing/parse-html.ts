// HTML to sections, shared by HTML files, DOCX (mammoth renders it to HTML) and Markdown (marked
// renders it to HTML), so the three agree on structure: each heading h1–h6 opens a section named
// by its heading path ("Install > Linux"); paragraphs, list items, table rows and preformatted
// text become the section's text; scripts, styles and page furniture (navigation, asides,
// footers) are dropped. It streams through htmlparser2's tokenizer and builds no DOM.
import { Parser, type Handler } from "htmlparser2";
import type { DocumentSection } from "./document-types";
import { normalizeInline, normalizeVerbatim } from "./normalize-text";

export interface HtmlContent {
  /** The <title>, else the first h1. */
  title: string | null;
  sections: DocumentSection[];
}

const SKIPPED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "aside",
  "footer",
  "svg",
  "math",
  "canvas",
  "iframe",
  "object",
  "embed",
  "select",
  "button",
]);

const PARAGRAPH_BREAKS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "ul",
  "ol",
  "dl",
  "table",
  "blockquote",
  "pre",
  "figure",
  "figcaption",
  "hr",
  "address",
  "details",
  "summary",
  "form",
  "fieldset",
  "caption",
]);

const LINE_BREAKS = new Set(["br", "dt", "dd"]);

const HEADING = /^h([1-6])$/;

export function parseHtml(html: string): HtmlContent {
  const walker = new HtmlWalker();
  const parser = new Parser(walker, { decodeEntities: true, lowerCaseTags: true });
  parser.end(html);
  return walker.finish();
}

/** Text of one section as it is written: whitespace collapsed outside <pre>, breaks deduplicated. */
class TextBuffer {
  private parts: string[] = [];
  private pendingBreak = "";
  private pendingMarker = "";
  private lastChar = "\n";

  add(raw: string, verbatim: boolean): void {
    let piece = verbatim ? raw : raw.replace(/\s+/g, " ");
    if (
      !verbatim &&
      (this.pendingBreak || this.pendingMarker || this.lastChar === "\n" || this.lastChar === " ")
    ) {
      piece = piece.trimStart();
    }
    if (!piece) return;
    if (this.pendingBreak && this.parts.length > 0) this.parts.push(this.pendingBreak);
    if (this.pendingMarker) this.parts.push(this.pendingMarker);
    this.pendingBreak = this.pendingMarker = "";
    this.parts.push(piece);
    this.lastChar = piece.at(-1)!;
  }

  lineBreak(): void {
    if (!this.pendingBreak) this.pendingBreak = "\n";
  }

  paragraphBreak(): void {
    this.pendingBreak = "\n\n";
  }

  /** A list item: a new line starting with a dash, written only if the item has text. */
  listItem(): void {
    this.lineBreak();
    this.pendingMarker = "- ";
  }

  take(): string {
    const text = normalizeVerbatim(this.parts.join(""));
    this.parts = [];
    this.pendingBreak = this.pendingMarker = "";
    this.lastChar = "\n";
    return text;
  }
}

interface Capture {
  kind: "title" | "heading" | "cell";
  tag: string;
  text: string;
}

class HtmlWalker implements Partial<Handler> {
  private buffer = new TextBuffer();
  private sections: DocumentSection[] = [];
  private headingPath: string[] = [];
  private headings: string[] = [];
  private title: string | null = null;
  private firstH1: string | null = null;
  private skipping: { tag: string; depth: number } | null = null;
  private preDepth = 0;
  private capture: Capture | null = null;
  private row: string[] | null = null;

  onopentag(name: string): void {
    if (this.skipping) {
      if (name === this.skipping.tag) this.skipping.depth++;
      return;
    }
    if (name === "title" && !this.capture) {
      this.capture = { kind: "title", tag: name, text: "" };
      return;
    }
    if (SKIPPED.has(name)) {
      this.skipping = { tag: name, depth: 1 };
      return;
    }
    if (this.capture) {
      if (name === "br") this.capture.text += " ";
      return;
    }
    if (HEADING.test(name)) {
      this.flushSection();
      this.capture = { kind: "heading", tag: name, text: "" };
    } else if (name === "td" || name === "th") {
      this.capture = { kind: "cell", tag: name, text: "" };
    } else if (name === "tr") {
      this.row = [];
    } else if (name === "li") {
      this.buffer.listItem();
    } else if (PARAGRAPH_BREAKS.has(name)) {
      if (name === "pre") this.preDepth++;
      this.buffer.paragraphBreak();
    } else if (LINE_BREAKS.has(name)) {
      this.buffer.lineBreak();
    }
  }

  onclosetag(name: string): void {
    if (this.skipping) {
      if (name === this.skipping.tag && --this.skipping.depth === 0) this.skipping = null;
      return;
    }
    if (this.capture) {
      if (name === this.capture.tag) this.endCapture(this.capture);
      return;
    }
    if (name === "tr" && this.row) {
      if (this.row.some(Boolean)) {
        this.buffer.lineBreak();
        this.buffer.add(this.row.join(" | "), true);
        this.buffer.lineBreak();
      }
      this.row = null;
    } else if (PARAGRAPH_BREAKS.has(name)) {
      if (name === "pre") this.preDepth = Math.max(0, this.preDepth - 1);
      this.buffer.paragraphBreak();
    } else if (name === "li") {
      this.buffer.lineBreak();
    }
  }

  ontext(data: string): void {
    if (this.skipping) return;
    if (this.capture) this.capture.text += data;
    else this.buffer.add(data, this.preDepth > 0);
  }

  finish(): HtmlContent {
    this.flushSection();
    if (this.sections.length === 0 && this.headings.length > 0) {
      // A document of headings only still has text worth finding.
      this.sections.push({ text: this.headings.join("\n"), heading: null, page: null });
    }
    return { title: this.title ?? this.firstH1, sections: this.sections };
  }

  private endCapture(capture: Capture): void {
    this.capture = null;
    const text = normalizeInline(capture.text);
    if (capture.kind === "title") {
      this.title ??= text || null;
    } else if (capture.kind === "cell") {
      if (this.row) this.row.push(text);
      else this.buffer.add(text, false);
    } else if (text) {
      const level = Number(capture.tag.slice(1));
      this.headingPath = this.headingPath.slice(0, level - 1);
      while (this.headingPath.length < level - 1) this.headingPath.push("");
      this.headingPath.push(text);
      this.headings.push(text);
      if (level === 1) this.firstH1 ??= text;
    }
  }

  private flushSection(): void {
    const text = this.buffer.take();
    if (!text) return;
    const heading = this.headingPath.filter(Boolean).join(" > ");
    this.sections.push({ text, heading: heading || null, page: null });
  }
}
