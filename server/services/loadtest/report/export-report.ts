// The report of a run (and the runs compared with it) as the console shows it, or as a file:
// Markdown, CSV or JSON.
import type { LoadTestReport, ReportFormat } from "../../../schemas/loadtest";
import type { Actor } from "../../access/actor";
import { authorize } from "../../access/policy";
import { findLoadTest } from "../get-loadtest";
import { reapStaleRuns } from "../reap-stale-runs";
import { buildReport } from "./build-report";
import { reportToCsv } from "./export-csv";
import { reportToMarkdown } from "./export-markdown";

export interface ReportFile {
  body: string;
  contentType: string;
  filename: string;
}

/** The report of runs, in the order given (duplicates dropped); unknown ids are NOT_FOUND. */
export async function getLoadTestReport(actor: Actor, ids: string[]): Promise<LoadTestReport> {
  authorize(actor, "loadtests:read");
  await reapStaleRuns();
  const runs = await Promise.all([...new Set(ids)].map((id) => findLoadTest(id)));
  return buildReport(runs);
}

export function renderReport(report: LoadTestReport, format: ReportFormat): ReportFile {
  const base = `loadtest-${report.runs.map((run) => run.id).join("-vs-")}`;
  switch (format) {
    case "md":
      return {
        body: reportToMarkdown(report),
        contentType: "text/markdown; charset=utf-8",
        filename: `${base}.md`,
      };
    case "csv":
      return { body: reportToCsv(report), contentType: "text/csv; charset=utf-8", filename: `${base}.csv` };
    case "json":
      return {
        body: `${JSON.stringify(report, null, 2)}\n`,
        contentType: "application/json",
        filename: `${base}.json`,
      };
  }
}

export async function exportLoadTestReport(
  actor: Actor,
  id: string,
  query: { format: ReportFormat; compare: string[] },
): Promise<ReportFile> {
  return renderReport(await getLoadTestReport(actor, [id, ...query.compare]), query.format);
}
