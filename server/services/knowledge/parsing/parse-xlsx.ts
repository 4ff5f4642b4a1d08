// XLSX to one section per sheet, named by the sheet. The archive is inspected first (zip bombs),
// then exceljs reads the workbook. A first row of text labels is taken as the header, and each
// row becomes one line naming its values ("name: Ada; role: engineer"); a sheet without one is
// written as tab-separated rows. Formulas contribute their cached results.
import ExcelJS from "exceljs";
import { DocumentError } from "./document-error";
import type { DocumentSection, ParseLimits } from "./document-types";
import { inspectZip } from "./inspect-zip";
import { normalizeInline } from "./normalize-text";
import { readCoreTitle } from "./read-core-title";
import { renderRow } from "./render-row";

// Beyond this a sheet is data for a database, not text to search; the rest is not indexed.
const MAX_ROWS_PER_SHEET = 100_000;

interface SheetRow {
  cells: string[];
  allLabels: boolean;
}

export async function parseXlsx(
  bytes: Uint8Array,
  limits: ParseLimits,
): Promise<{ title: string | null; sections: DocumentSection[] }> {
  const { coreProperties } = await inspectZip(bytes, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch {
    throw new DocumentError("corrupt", "The Excel workbook is damaged and cannot be read.");
  }
  const sections: DocumentSection[] = [];
  for (const sheet of workbook.worksheets) {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      if (rows.length < MAX_ROWS_PER_SHEET) rows.push(readRow(row.values));
    });
    const text = renderSheet(rows);
    if (text) sections.push({ text, heading: normalizeInline(sheet.name) || null, page: null });
  }
  return { title: readCoreTitle(coreProperties), sections };
}

function readRow(values: ExcelJS.Row["values"]): SheetRow {
  // exceljs gives a sparse array indexed by column number, from 1.
  const list = Array.isArray(values) ? values.slice(1) : Object.values(values);
  const cells = Array.from(list, (value) => normalizeInline(cellText(value)));
  const allLabels = list.every((value) => typeof value === "string" && value.trim() !== "");
  return { cells, allLabels };
}

function renderSheet(rows: SheetRow[]): string {
  const [first, ...rest] = rows;
  if (!first) return "";
  const header = first.allLabels && rest.length > 0 ? first.cells : null;
  const body = header ? rest : rows;
  return body
    .map((row) => renderRow(header, row.cells))
    .filter(Boolean)
    .join("\n");
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return formatDate(value);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return cellText(value.text);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result);
  if ("error" in value) return value.error;
  return "";
}

/** Excel dates carry no zone; exceljs gives them as UTC. A date without a time reads as one. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}
