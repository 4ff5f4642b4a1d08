// The model cites the passages it used as [1], [2]... (the ids the prompt gave them, in the order
// of the answer's citations). These become Markdown links to "#cite-n", which the answer's renderer
// draws as buttons that open the source; code, links and numbers beyond the sources are left alone.

const CITE_HREF = /^#cite-(\d+)$/;
// Code (fenced or inline) is copied as it is: `items[1]` is not a citation.
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;
// A run of markers ([2][3]) not preceded by "]" (then it is a reference link's label: [see][1])
// nor followed by "(" or "[" (then it is a link's text).
const MARKERS = /(?<!\])(?:\[\d{1,3}\])+(?![([])/g;
const MARKER = /\[(\d{1,3})\]/g;

/** The answer's text with its citation markers as links to `#cite-n`, for 1 ≤ n ≤ `count`. */
export function linkCitations(text: string, count: number): string {
  if (count === 0) return text;
  return text
    .split(CODE)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(MARKERS, (run) =>
            run.replace(MARKER, (marker, digits: string) => {
              const n = Number(digits);
              return n >= 1 && n <= count ? `[${n}](#cite-${n})` : marker;
            }),
          ),
    )
    .join("");
}

/** The source a `#cite-n` link points to (1-based), or null for any other address. */
export function citedSource(href: string | undefined): number | null {
  const match = href ? CITE_HREF.exec(href) : null;
  return match ? Number(match[1]) : null;
}
