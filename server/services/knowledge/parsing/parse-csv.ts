// CSV to sections of rows: the first row is the header, and every row becomes one line naming
// its values by column, so any group of rows stands alone. Rows are grouped in sections of a
// fixed size; the chunker packs small neighbouring sections together again.
import { parse } from "csv-parse/sync";
import { DocumentError } from "./document-error";
import type { DocumentSection } from "./document-types";
import { normalizeInline } from "./normalize-text";
import { renderRow } from "./render-row";

const ROWS_PER_SECTION = 50;
// Beyond this a table is data for a database, not text to search; the rest is not indexed.
const MAX_ROWS = 200_000;
const DELIMITERS = [",", ";", "\t", "|"];

export function parseCsv(text: string, mimeType: string): DocumentSection[] {
  const delimiter = mimeType === "text/tab-separated-values" ? "\t" : sniffDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to: MAX_ROWS + 1,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : "unreadable";
    throw new DocumentError("corrupt", `The CSV file is malformed: ${reason}`);
  }
  const [header, ...rows] = records.map((record) => record.map(normalizeInline));
  if (!header) return [];
  if (rows.length === 0) return [{ text: header.filter(Boolean).join(", "), heading: null, page: null }];
  const sections: DocumentSection[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_SECTION) {
    const lines = rows.slice(start, start + ROWS_PER_SECTION).map((row) => renderRow(header, row));
    const sectionText = lines.filter(Boolean).join("\n");
    if (sectionText) sections.push({ text: sectionText, heading: null, page: null });
  }
  return sections;
}

/** The separator used most in the first line: comma, semicolon (European exports), tab or pipe. */
function sniffDelimiter(text: string): string {
  const end = text.indexOf("\n");
  const firstLine = text.slice(0, end < 0 ? 65_536 : Math.min(end, 65_536));
  let best = ",";
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}
