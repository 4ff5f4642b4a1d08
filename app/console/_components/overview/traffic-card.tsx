"use client";
// The Overview's Traffic card: the last 15 minutes in three figures (traffic-summary.ts), linking
// to the dashboard.
import { useQuery } from "@tanstack/react-query";
import { Activity, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "../../_lib/trpc";
import { trafficSummary } from "./traffic-summary";

function Figure({ label, value, note }: { label: string; value: string | undefined; note?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium text-stone-500 dark:text-stone-400">{label}</dt>
      <dd className="mt-1 text-xl font-semibold text-stone-900 tabular-nums dark:text-stone-50">
        {value ?? (
          <span className="inline-block h-6 w-10 animate-pulse rounded bg-stone-200 dark:bg-stone-800" />
        )}
      </dd>
      {note && <dd className="truncate text-xs text-stone-500 dark:text-stone-400">{note}</dd>}
    </div>
  );
}

export function TrafficCard() {
  const trpc = useTRPC();
  const telemetry = useQuery(
    trpc.observability.telemetry.queryOptions(undefined, { select: trafficSummary }),
  );
  const summary = telemetry.data;
  return (
    <section
      aria-labelledby="traffic-card-title"
      className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-xs dark:border-stone-800 dark:bg-stone-900"
    >
      <div className="flex items-center justify-between gap-3">
        <h2
          id="traffic-card-title"
          className="flex items-center gap-2 text-sm font-semibold text-stone-900 dark:text-stone-100"
        >
          <Activity aria-hidden className="size-4 text-brand-600" />
          Traffic <span className="font-normal text-stone-500 dark:text-stone-400">· last 15 minutes</span>
        </h2>
        <Link
          href="/console/dashboard"
          className="inline-flex items-center gap-1 rounded text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:text-brand-500"
        >
          Open dashboard
          <ChevronRight aria-hidden className="size-4" />
        </Link>
      </div>
      {telemetry.isError ? (
        <p className="mt-3 text-sm text-stone-600 dark:text-stone-400">
          Traffic figures are unavailable right now.
        </p>
      ) : (
        <dl className="mt-4 grid grid-cols-3 gap-4">
          <Figure label="Requests" value={summary?.requests} />
          <Figure label="Error rate" value={summary?.errorRate} />
          <Figure
            label="p95 response"
            value={summary?.p95}
            note={summary?.slowest && `slowest: ${summary.slowest}`}
          />
        </dl>
      )}
    </section>
  );
}
