"use client";
// /console/dashboard: the history of the answers over the last hour, day, week or month, from the
// server's series (use-telemetry-series.ts) and drawn as soon as the page opens, its newest bucket
// refreshed while the page is open; for every assistant or one, and every backend or one. The
// range and filters live in the address. Under the charts, the rolling-window tables of
// observability.telemetry, polled every few seconds.
import { useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useId, useMemo, type ReactNode } from "react";
import type { Telemetry, TelemetrySeries } from "@/server/schemas/telemetry";
import { FEEDBACK_SUMMARY_DAYS } from "@/server/schemas/telemetry";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { EmptyState } from "../ui/empty-state";
import { Select } from "../ui/input";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { FeedbackTable } from "./feedback-table";
import { formatClock } from "./format-metrics";
import { HistoryCharts } from "./history-charts";
import {
  dashboardHref,
  hasAnswers,
  pollMs,
  rangeOptions,
  viewFromParams,
  type DashboardView,
} from "./series-data";
import { bucketPhrase } from "./series-format";
import { AssistantTrafficTable, BackendTrafficTable } from "./traffic-tables";
import { useTelemetrySeries } from "./use-telemetry-series";

/** How often the rolling-window tables are refreshed. */
const TABLES_POLL_MS = 5_000;
const ALL = "";

function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mt-8 first:mt-0">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id={headingId} className="text-base font-semibold text-stone-900 dark:text-stone-100">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Dashboard() {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const view = useMemo(() => viewFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const telemetry = useQuery(
    trpc.observability.telemetry.queryOptions(undefined, { refetchInterval: TABLES_POLL_MS }),
  );
  const { full, live } = useTelemetrySeries(view);
  // Next.js follows native history writes: useSearchParams sees the new address.
  const go = (next: DashboardView) => window.history.replaceState(null, "", dashboardHref(next));
  const updated = full.data && !full.isPlaceholderData ? full.data.generated_at : undefined;
  const paused = live.isError ? errorMessage(live.error) : null;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Answers per assistant and per backend over the last hour, day, week or month, kept up to date while the page is open."
        actions={
          updated && (
            <p className="text-xs text-stone-500 dark:text-stone-400">
              Updated {formatClock(Date.parse(updated))}
            </p>
          )
        }
      />
      <Controls view={view} telemetry={telemetry.data} onChange={go} />
      {paused && (
        <Alert tone="warning" className="mb-6">
          Live updates paused: {paused}. Showing the last figures received.
        </Alert>
      )}
      <QueryState query={full} loading="Loading history…" errorTitle="Could not load the history" framed>
        {(series) => (
          <History series={series} view={view} telemetry={telemetry.data} stale={full.isPlaceholderData} />
        )}
      </QueryState>
      <div className="mt-8">
        <QueryState query={telemetry} loading="Loading telemetry…" framed>
          {(data) => <Tables telemetry={data} />}
        </QueryState>
      </div>
    </>
  );
}

function Controls({
  view,
  telemetry,
  onChange,
}: {
  view: DashboardView;
  telemetry: Telemetry | undefined;
  onChange: (view: DashboardView) => void;
}) {
  const assistantId = useId();
  const backendId = useId();
  const assistants = telemetry?.assistants ?? [];
  const backends = telemetry?.backends ?? [];
  const filter = (name: "assistant_id" | "backend_id", value: string) => {
    const { [name]: _dropped, ...rest } = view;
    onChange(value === ALL ? rest : { ...rest, [name]: value });
  };
  return (
    <Card className="mb-6 flex flex-wrap items-end gap-4 p-4">
      <div role="group" aria-label="Range" className="inline-flex rounded-md shadow-sm">
        {rangeOptions.map((option, index) => {
          const pressed = view.range === option.value;
          return (
            <button
              key={option.value}
              type="button"
              aria-pressed={pressed}
              onClick={() => onChange({ ...view, range: option.value })}
              className={cn(
                "h-9 border border-stone-300 px-3 text-sm font-medium transition-colors dark:border-stone-700",
                "focus-visible:relative focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
                index === 0 ? "rounded-l-md" : "-ml-px",
                index === rangeOptions.length - 1 && "rounded-r-md",
                pressed
                  ? "z-10 border-brand-700 bg-brand-700 text-white"
                  : "bg-white text-stone-700 hover:bg-stone-50 dark:bg-stone-900 dark:text-stone-200 dark:hover:bg-stone-800",
              )}
            >
              {option.label}
            </button>
          );
        })}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={assistantId} className="text-sm font-medium text-stone-700 dark:text-stone-300">
          Assistant
        </label>
        <Select
          id={assistantId}
          className="w-56"
          value={view.assistant_id ?? ALL}
          onChange={(event) => filter("assistant_id", event.target.value)}
        >
          <option value={ALL}>All assistants</option>
          {view.assistant_id && !assistants.some((item) => item.assistant_id === view.assistant_id) && (
            <option value={view.assistant_id}>{view.assistant_id}</option>
          )}
          {assistants.map((item) => (
            <option key={item.assistant_id} value={item.assistant_id}>
              {item.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={backendId} className="text-sm font-medium text-stone-700 dark:text-stone-300">
          Backend
        </label>
        <Select
          id={backendId}
          className="w-56"
          value={view.backend_id ?? ALL}
          onChange={(event) => filter("backend_id", event.target.value)}
        >
          <option value={ALL}>All backends</option>
          {view.backend_id && !backends.some((item) => item.backend_id === view.backend_id) && (
            <option value={view.backend_id}>{view.backend_id}</option>
          )}
          {backends.map((item) => (
            <option key={item.backend_id} value={item.backend_id}>
              {item.name}
            </option>
          ))}
        </Select>
      </div>
    </Card>
  );
}

function History({
  series,
  view,
  telemetry,
  stale,
}: {
  series: TelemetrySeries;
  view: DashboardView;
  telemetry: Telemetry | undefined;
  /** The previous view's series, shown while this one loads. */
  stale: boolean;
}) {
  const headingId = useId();
  const range = rangeOptions.find((option) => option.value === series.range)!;
  const assistant = telemetry?.assistants.find((item) => item.assistant_id === series.assistant_id);
  const backend = telemetry?.backends.find((item) => item.backend_id === series.backend_id);
  const subject =
    [
      series.assistant_id ? (assistant?.name ?? series.assistant_id) : null,
      series.backend_id ? `on ${backend?.name ?? series.backend_id}` : null,
    ]
      .filter(Boolean)
      .join(" ") || "all assistants";
  return (
    <section aria-labelledby={headingId} aria-busy={stale} className={cn(stale && "opacity-60")}>
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id={headingId} className="text-base font-semibold text-stone-900 dark:text-stone-100">
          History
        </h2>
        <p className="text-xs text-stone-500 dark:text-stone-400">
          {`${capitalized(range.phrase)} in ${bucketPhrase(series.range)}; the newest refreshes every ${
            pollMs[series.range] / 1000
          } s.`}
        </p>
      </div>
      {hasAnswers(series.buckets) ? (
        // A new view starts unzoomed.
        <HistoryCharts
          key={`${view.range}/${view.assistant_id}/${view.backend_id}`}
          series={series}
          subject={subject}
        />
      ) : (
        <Card>
          <EmptyState
            icon={Activity}
            title={`No answers in ${range.phrase}`}
            description={`Charts appear as soon as ${
              series.assistant_id ? "the assistant" : "an assistant"
            } answers; this page checks every ${pollMs[series.range] / 1000} s. A longer range may hold older answers.`}
          />
        </Card>
      )}
    </section>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function Tables({ telemetry }: { telemetry: Telemetry }) {
  // The table lists the assistants with traffic: a deployment with many idle ones stays readable.
  const active = telemetry.assistants.filter((item) => item.windows["1h"].requests > 0);
  const idleCount = telemetry.assistants.length - active.length;
  return (
    <>
      <Section title="Assistant traffic">
        {active.length > 0 ? (
          <AssistantTrafficTable assistants={active} />
        ) : (
          <Card>
            <EmptyState
              title="No traffic in the last hour"
              description="Assistants appear here as they answer."
            />
          </Card>
        )}
        {active.length > 0 && idleCount > 0 ? (
          <p className="mt-2 text-sm text-stone-500 dark:text-stone-400">
            {idleCount} {idleCount === 1 ? "assistant" : "assistants"} without traffic in the last hour not
            shown.
          </p>
        ) : null}
      </Section>
      <Section title={`Answer feedback (last ${FEEDBACK_SUMMARY_DAYS} days)`}>
        <FeedbackTable assistants={telemetry.assistants} />
      </Section>
      <Section title="Backend traffic">
        {telemetry.backends.length > 0 ? (
          <BackendTrafficTable backends={telemetry.backends} />
        ) : (
          <Card>
            <EmptyState title="No backends" description="Add a model server on the Backends page." />
          </Card>
        )}
      </Section>
    </>
  );
}
