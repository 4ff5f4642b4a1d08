"use client";
// /console/dashboard: live charts of the main figures per assistant and per backend, and tables
// of the rolling windows, refreshed every few seconds from observability.telemetry.
import { Activity } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import type { Telemetry } from "@/server/schemas/telemetry";
import { FEEDBACK_SUMMARY_DAYS } from "@/server/schemas/telemetry";
import { errorMessage } from "../../_lib/errors";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { Select } from "../ui/input";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import type { Sample } from "./chart-data";
import { AssistantCharts, BackendCharts } from "./dashboard-charts";
import { FeedbackTable } from "./feedback-table";
import { formatClock } from "./format-metrics";
import { AssistantTrafficTable, BackendTrafficTable } from "./traffic-tables";
import { useLiveTelemetry } from "./use-live-telemetry";

const ALL = "all";

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
  const { query, samples } = useLiveTelemetry();
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Live traffic per assistant and per backend, refreshed every 5 seconds."
        actions={
          query.data && (
            <p className="text-xs text-stone-500 dark:text-stone-400">
              Updated {formatClock(Date.parse(query.data.generated_at))}
            </p>
          )
        }
      />
      <QueryState query={query} loading="Loading telemetry…" framed>
        {(telemetry) => (
          <Figures
            telemetry={telemetry}
            samples={samples}
            // A failed poll keeps the last figures on screen, and says so.
            paused={query.isError ? errorMessage(query.error) : null}
          />
        )}
      </QueryState>
    </>
  );
}

function Figures({
  telemetry,
  samples,
  paused,
}: {
  telemetry: Telemetry;
  samples: Sample[];
  paused: string | null;
}) {
  const [selected, setSelected] = useState(ALL);
  const selectId = useId();
  const assistant = telemetry.assistants.find((item) => item.assistant_id === selected);
  // The table lists the assistants with traffic: a deployment with many idle ones stays readable.
  const active = telemetry.assistants.filter((item) => item.windows["1h"].requests > 0);
  const idleCount = telemetry.assistants.length - active.length;
  const hasTraffic = active.length > 0 || telemetry.backends.some((item) => item.in_flight > 0);

  return (
    <>
      {paused && (
        <Alert tone="warning" className="mb-6">
          Live updates paused: {paused}. Showing the last figures received.
        </Alert>
      )}
      {hasTraffic ? (
        <>
          <Section
            title="Assistants"
            actions={
              <div className="flex items-center gap-2">
                <label htmlFor={selectId} className="text-sm font-medium text-stone-700 dark:text-stone-300">
                  Assistant
                </label>
                <Select
                  id={selectId}
                  className="w-56"
                  value={assistant ? selected : ALL}
                  onChange={(event) => setSelected(event.target.value)}
                >
                  <option value={ALL}>All assistants</option>
                  {telemetry.assistants.map((item) => (
                    <option key={item.assistant_id} value={item.assistant_id}>
                      {item.name}
                    </option>
                  ))}
                </Select>
              </div>
            }
          >
            <div className="grid gap-4 lg:grid-cols-2">
              <AssistantCharts samples={samples} assistant={assistant} />
            </div>
          </Section>
          <Section title="Backends">
            <div className="grid gap-4 lg:grid-cols-2">
              <BackendCharts samples={samples} />
            </div>
          </Section>
          <Section title="Assistant traffic">
            <AssistantTrafficTable assistants={active} />
            {idleCount > 0 ? (
              <p className="mt-2 text-sm text-stone-500 dark:text-stone-400">
                {idleCount} {idleCount === 1 ? "assistant" : "assistants"} without traffic in the last hour
                not shown.
              </p>
            ) : null}
          </Section>
        </>
      ) : (
        <Card>
          <EmptyState
            icon={Activity}
            title="No traffic in the last hour"
            description="Charts appear as soon as an assistant answers. This page checks every 5 seconds."
          />
        </Card>
      )}
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
