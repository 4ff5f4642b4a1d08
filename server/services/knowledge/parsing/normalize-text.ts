// Whitespace rules shared by every parser, so that chunking sees one shape of text whatever the
// format: lines without runs of spaces, paragraphs separated by exactly one blank line.

// C0 controls other than tab, line feed and carriage return, DEL, and invisible format marks
// (zero-width space, soft hyphen, stray byte order marks) carry no text and confuse tokenizers.
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u00ad\u200b\ufeff]/g;

/** Prose: runs of spaces collapse to one, lines are trimmed, paragraph breaks are kept. */
export function normalizeProse(text: string): string {
  return text
    .replace(/\r\n?|\f/g, (match) => (match === "\f" ? "\n\n" : "\n"))
    .replace(INVISIBLE, "")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Code and data: indentation is meaning, so only line ends and blank-line runs are tidied. */
export function normalizeVerbatim(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(/[^\S\n]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\s+$/g, "");
}

/** A single line: a heading, a table cell, a spreadsheet value. */
export function normalizeInline(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}
