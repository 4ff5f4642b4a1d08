"use client";
// The load tests page: the start form (admins) and every run, newest first, with its verdict,
// the largest user level within its SLA and what served it.
import { useQuery } from "@tanstack/react-query";
import { Gauge } from "lucide-react";
import Link from "next/link";
import type { LoadTestDto } from "@/server/schemas/loadtest";
import { isAdmin, useConsoleUser } from "../../_lib/console-user";
import { formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { tbodyClass, tdClass, thClass, theadClass } from "../ui/table-styles";
import { statusTones, verdictText } from "./loadtest-format";
import { StartLoadTestForm } from "./start-loadtest-form";

function RunsTable() {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.loadTests.list.queryOptions({ limit: 50 }),
    refetchInterval: (query) =>
      query.state.data?.data.some((run) => run.status === "queued" || run.status === "running")
        ? 2_000
        : false,
  });
  return (
    <QueryState
      query={runs}
      loading="Loading load tests…"
      framed
      isEmpty={(list) => list.data.length === 0}
      empty={
        <EmptyState
          icon={Gauge}
          title="No load tests yet"
          description="A load test tells how many concurrent users an assistant carries within its SLA. Admins start one above, with POST /admin/loadtests, or with npm run loadtest."
        />
      }
    >
      {(list) => <RunsList runs={list.data} />}
    </QueryState>
  );
}

function RunsList({ runs }: { runs: LoadTestDto[] }) {
  return (
    <Card>
      <div
        className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600"
        tabIndex={0}
        role="region"
        aria-label="Load tests, scrollable"
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Load tests</caption>
          <thead className={theadClass}>
            <tr>
              {[
                "Run",
                "Assistant",
                "Status",
                "Levels",
                "SLA verdict",
                "Within the SLA up to",
                "Served by",
                "Created",
              ].map((title) => (
                <th key={title} scope="col" className={`${thClass} whitespace-nowrap`}>
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={tbodyClass}>
            {runs.map((run) => (
              <tr key={run.id}>
                <td className={tdClass}>
                  <Link
                    href={`/console/loadtests/${run.id}`}
                    className="dark:text-brand-400 font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {run.label || run.id}
                  </Link>
                </td>
                <td className={`${tdClass} text-stone-700 dark:text-stone-300`}>{run.assistant_id}</td>
                <td className={tdClass}>
                  <Badge tone={statusTones[run.status]}>{run.status}</Badge>
                </td>
                <td className={`${tdClass} text-stone-700 tabular-nums dark:text-stone-300`}>
                  {run.scenario.user_levels.join(", ")}
                </td>
                <td className={`${tdClass} whitespace-nowrap text-stone-700 dark:text-stone-300`}>
                  {verdictText(run.sla_met)}
                </td>
                <td className={`${tdClass} text-stone-700 dark:text-stone-300`}>
                  {run.max_users_within_sla === null ? "—" : `${run.max_users_within_sla} users`}
                </td>
                <td className={`${tdClass} text-stone-700 dark:text-stone-300`}>
                  {run.served_by.map((entry) => `${entry.backend ?? "none"} · ${entry.model}`).join(", ") ||
                    "—"}
                  {run.served_by.some((entry) => entry.simulator) && (
                    <span className="ml-2">
                      <Badge tone="warning">simulator</Badge>
                    </span>
                  )}
                </td>
                <td className={`${tdClass} whitespace-nowrap text-stone-500 dark:text-stone-400`}>
                  {formatDateTime(run.created_at)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

export function LoadTestsView() {
  const admin = isAdmin(useConsoleUser());
  return (
    <>
      <PageHeader
        title="Load tests"
        description="SLA load tests: concurrent virtual users through the public API, level by level, judged against the assistant's SLA. Open a run for its report, charts, comparisons and exports."
      />
      <div className="space-y-6">
        {admin && <StartLoadTestForm />}
        <RunsTable />
      </div>
    </>
  );
}
