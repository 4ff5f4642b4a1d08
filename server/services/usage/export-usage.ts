// A usage report as a download: CSV (one row per group, the figures as columns, cost in USD) or
// the JSON report itself. Reports are bounded (1,000 groups), so the file is made whole.
import { stringify } from "csv-stringify/sync";
import type { UsageExportQuery } from "../../schemas/usage";
import type { Actor } from "../access/actor";
import { neutralizeFormula } from "../audit/export-audit-events";
import { readUsage } from "./read-usage";

export interface UsageExport {
  body: string;
  contentType: string;
  filename: string;
}

const figureColumns = [
  "requests",
  "completed",
  "failed",
  "cancelled",
  "prompt_tokens",
  "completion_tokens",
  "reasoning_tokens",
  "total_tokens",
  "gpu_seconds",
  "cost",
] as const;

const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

export async function exportUsage(actor: Actor, query: UsageExportQuery): Promise<UsageExport> {
  const { format, ...reportQuery } = query;
  const report = await readUsage(actor, reportQuery);
  const filename = `usage-by-${report.group_by}-${stamp(report.from)}-${stamp(report.to)}.${format}`;
  if (format === "json") {
    return { body: `${JSON.stringify(report, null, 2)}\n`, contentType: "application/json", filename };
  }
  const columns = [report.group_by, "label", "assistant_id", ...figureColumns];
  const body = stringify(
    report.rows.map((row) => [
      neutralizeFormula(row.key),
      neutralizeFormula(row.label),
      row.assistant_id ?? "",
      ...figureColumns.map((column) => row[column]),
    ]),
    { header: true, columns },
  );
  return { body, contentType: "text/csv; charset=utf-8", filename };
}
