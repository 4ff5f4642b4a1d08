// ts_headline marks the matched words with delimiters; the API gives the plain snippet and the
// marks as offsets. The delimiters are control characters stripped from the text before it is
// headlined, so a message cannot forge a mark.

export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

export interface MarkedSnippet {
  snippet: string;
  highlights: Array<{ start: number; end: number }>;
}

export function parseMarkedSnippet(marked: string): MarkedSnippet {
  let snippet = "";
  const highlights: MarkedSnippet["highlights"] = [];
  let start: number | null = null;
  for (const char of marked) {
    if (char === MARK_START) {
      start ??= snippet.length;
    } else if (char === MARK_END) {
      if (start !== null && snippet.length > start) {
        const last = highlights.at(-1);
        // ts_headline marks each word: neighbours separated by nothing merge into one mark.
        if (last && last.end === start) last.end = snippet.length;
        else highlights.push({ start, end: snippet.length });
      }
      start = null;
    } else {
      snippet += char;
    }
  }
  return { snippet: snippet.trim() === snippet ? snippet : trimWithMarks(snippet, highlights), highlights };
}

/** Trims the snippet's ends and moves the marks with the text. */
function trimWithMarks(snippet: string, highlights: MarkedSnippet["highlights"]): string {
  const lead = snippet.length - snippet.trimStart().length;
  const trimmed = snippet.trim();
  for (const mark of highlights) {
    mark.start = Math.max(0, mark.start - lead);
    mark.end = Math.min(trimmed.length, mark.end - lead);
  }
  return trimmed;
}
