"use client";
// /console/usage: what the assistants consumed over a range (requests, tokens, GPU time, cost),
// grouped and filtered, drawn per bucket and listed per group, with CSV and JSON exports. The
// view lives in the address (usage-query.ts): controls replace it, a row's drill-down pushes a new
// entry, so Back goes up a level and a link shows the same view.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChartColumn, Download, RefreshCw } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Button, buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { Spinner } from "../ui/spinner";
import { UsageControls } from "./usage-controls";
import {
  clearFilters,
  exportHref,
  isFiltered,
  toReportQuery,
  usageHref,
  viewFromParams,
  type UsageView as View,
} from "./usage-query";
import { UsageReportView } from "./usage-report";
import { useUsageNames } from "./use-usage-names";

const exportClass = buttonClasses({ variant: "secondary", size: "sm" });

export function UsageView() {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const view = useMemo(() => {
    const params: Record<string, string> = {};
    for (const [name, value] of searchParams) params[name] ??= value;
    return viewFromParams(params);
  }, [searchParams]);
  // A preset range ends when the page asked; a new view or Refresh moves it to now.
  const [now, setNow] = useState(() => Date.now());
  const query = toReportQuery(view, now);
  const report = useQuery(trpc.usage.report.queryOptions(query, { placeholderData: keepPreviousData }));
  const names = useUsageNames();

  const go = (next: View, entry: "push" | "replace" = "replace") => {
    setNow(Date.now());
    // Next.js follows native history writes: useSearchParams sees the new address.
    if (entry === "push") window.history.pushState(null, "", usageHref(next));
    else window.history.replaceState(null, "", usageHref(next));
  };
  const filtered = isFiltered(view);

  return (
    <>
      <PageHeader
        title="Usage"
        description="Requests, tokens, time on the backends and cost, per assistant, API key, end user, model, backend, channel or time."
        actions={
          // Once a report is in: the links hold the browser's clock, which the server's render lacks.
          report.data && (
            <>
              <a href={exportHref(query, "csv")} download className={exportClass}>
                <Download aria-hidden className="size-4" />
                Export CSV
              </a>
              <a href={exportHref(query, "json")} download className={exportClass}>
                <Download aria-hidden className="size-4" />
                Export JSON
              </a>
            </>
          )
        }
      />
      <Card className="mb-6">
        <UsageControls view={view} names={names} onChange={(next) => go(next)} />
        <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-2 text-xs text-stone-500 dark:text-stone-400">
          <p aria-live="polite">
            {report.data && !report.isPlaceholderData ? (
              <RangeNote from={report.data.from} to={report.data.to} />
            ) : (
              " "
            )}
          </p>
          <div className="flex items-center gap-2">
            {report.isFetching && !report.isPending && <Spinner label="Updating…" />}
            <Button variant="ghost" size="sm" onClick={() => setNow(Date.now())}>
              <RefreshCw aria-hidden className="size-4" />
              Refresh
            </Button>
          </div>
        </div>
      </Card>
      <QueryState
        query={report}
        loading="Loading usage…"
        errorTitle="Could not load the usage"
        framed
        isEmpty={(data) => data.totals.requests === 0}
        empty={
          <EmptyState
            icon={ChartColumn}
            title="No usage in this range"
            description={
              filtered
                ? "Nothing was answered in this range with these filters."
                : "Nothing was answered in this range. Usage appears here as assistants answer."
            }
            action={
              filtered && (
                <Button variant="secondary" onClick={() => go(clearFilters(view))}>
                  Clear filters
                </Button>
              )
            }
          />
        }
      >
        {(data) => (
          <UsageReportView
            report={data}
            view={view}
            names={names.byFilter}
            stale={report.isPlaceholderData}
            onDrill={(next) => go(next, "push")}
          />
        )}
      </QueryState>
    </>
  );
}

/** The range the report covers, as the server rounded it (to its buckets). */
function RangeNote({ from, to }: { from: string; to: string }) {
  return (
    <>
      From <time dateTime={from}>{formatDateTime(from)}</time> to{" "}
      <time dateTime={to}>{formatDateTime(to)}</time>
    </>
  );
}
