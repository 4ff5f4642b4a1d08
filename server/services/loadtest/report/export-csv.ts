// CSV export: the comparative results table with raw numbers (milliseconds, rates 0-1), one row
// per run and user level, with the run id so rows can be joined back to the JSON export.
import { stringify } from "csv-stringify/sync";
import type { LoadTestReport } from "../../../schemas/loadtest";
import { comparativeColumns } from "./columns";

export function reportToCsv(report: LoadTestReport): string {
  const columns = comparativeColumns("").filter((column) => column.key !== "name");
  const slaLabels = new Map(report.runs.map((run) => [run.id, run.sla_label]));
  const servedBy = new Map(report.runs.map((run) => [run.id, run.served_by]));
  return stringify(
    report.comparative_results.map((row) => ({
      run_id: row.run_id,
      model: row.name,
      ...Object.fromEntries(columns.map((column) => [column.key, row[column.key]])),
      level_status: row.status,
      sla: slaLabels.get(row.run_id),
      served_by: servedBy.get(row.run_id),
    })),
    { header: true, cast: { boolean: (value) => String(value) } },
  );
}
