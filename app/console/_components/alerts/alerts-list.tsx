"use client";
import { useQuery } from "@tanstack/react-query";
import { BellOff, History } from "lucide-react";
import { formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { TableHead } from "../ui/data-table";
import { EmptyState } from "../ui/empty-state";
import { QueryState } from "../ui/query-state";
import { tbodyClass, tdClass } from "../ui/table-styles";
import { deliverySummary, formatThreshold, kindLabels, subjectId } from "./alert-format";

const stackedCell = `${tdClass} max-md:block max-md:py-1.5`;
/** Alerts move by themselves (every replica evaluates every few seconds): the page follows. */
const REFRESH_MS = 5_000;

/** What fires now, in cards, most recent first. */
export function FiringAlerts() {
  const trpc = useTRPC();
  const firing = useQuery({
    ...trpc.alerts.list.queryOptions({ state: "firing", limit: 100 }),
    refetchInterval: REFRESH_MS,
  });
  return (
    <QueryState
      query={firing}
      loading="Loading firing alerts…"
      framed
      isEmpty={(list) => list.data.length === 0}
      empty={
        <EmptyState icon={BellOff} title="Nothing is firing" description="Every rule's condition is clear." />
      }
    >
      {(list) => (
        <ul className="space-y-3" aria-label="Firing alerts">
          {list.data.map((alert) => (
            <li key={alert.id}>
              <Card className="border-red-200 p-4 dark:border-red-900">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone="danger">Firing</Badge>
                  <span className="font-medium text-stone-900 dark:text-stone-100">{alert.rule_name}</span>
                  <span
                    className="text-sm text-stone-500 dark:text-stone-400"
                    title={subjectId(alert.subject)}
                  >
                    {alert.subject_label}
                  </span>
                </div>
                <p className="mt-2 text-sm text-stone-700 dark:text-stone-300">{alert.message}</p>
                <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">
                  Since {formatDateTime(alert.started_at)} · {deliverySummary(alert)}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}

/** Every alert, firing first, then the most recently started, with how its webhooks went. */
export function AlertHistory() {
  const trpc = useTRPC();
  const history = useQuery({ ...trpc.alerts.list.queryOptions({ limit: 100 }), refetchInterval: REFRESH_MS });
  return (
    <QueryState
      query={history}
      loading="Loading alert history…"
      framed
      isEmpty={(list) => list.data.length === 0}
      empty={
        <EmptyState
          icon={History}
          title="No alerts yet"
          description="Alerts that fire stay here for 90 days."
        />
      }
    >
      {(list) => (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Alert history</caption>
            <TableHead
              columns={[
                { label: "Alert" },
                { label: "State" },
                { label: "Value", className: "max-md:hidden" },
                { label: "Started" },
                { label: "Resolved", className: "max-md:hidden" },
                { label: "Webhooks", className: "max-md:hidden" },
              ]}
            />
            <tbody className={tbodyClass}>
              {list.data.map((alert) => (
                <tr key={alert.id} className="max-md:block">
                  <td className={stackedCell}>
                    <div className="font-medium text-stone-900 dark:text-stone-100">{alert.rule_name}</div>
                    <div className="text-xs text-stone-500 dark:text-stone-400">
                      {kindLabels[alert.kind]} ·{" "}
                      <span title={subjectId(alert.subject)}>{alert.subject_label}</span>
                    </div>
                  </td>
                  <td className={stackedCell}>
                    <Badge tone={alert.state === "firing" ? "danger" : "success"}>
                      {alert.state === "firing" ? "Firing" : "Resolved"}
                    </Badge>
                  </td>
                  <td className={`${stackedCell} tabular-nums`}>
                    {formatThreshold(alert.kind, alert.value)}
                    <span className="text-stone-500 dark:text-stone-400">
                      {" "}
                      / {formatThreshold(alert.kind, alert.threshold)}
                    </span>
                  </td>
                  <td className={`${stackedCell} whitespace-nowrap`}>{formatDateTime(alert.started_at)}</td>
                  <td className={`${stackedCell} whitespace-nowrap`}>
                    {alert.resolved_at ? formatDateTime(alert.resolved_at) : "—"}
                  </td>
                  <td className={`${stackedCell} text-stone-500 dark:text-stone-400`}>
                    {deliverySummary(alert)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </QueryState>
  );
}
