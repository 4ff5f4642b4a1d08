"use client";
// The dashboard's tables: every assistant over the three windows, and every backend's last 15
// minutes with what is known now: its health as the gateway sees it (state and why), generations in
// flight and queued.
import type { Telemetry } from "@/server/schemas/telemetry";
import { telemetryWindows } from "@/server/schemas/telemetry";
import { stateNames, stateTones } from "../backends/backend-health";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { TableHead } from "../ui/data-table";
import { tdClass, thClass } from "../ui/table-styles";
import { formatCount, formatMs, formatRate, formatShare, slaControlSummary } from "./format-metrics";

const num = "text-right tabular-nums";

export function AssistantTrafficTable({ assistants }: { assistants: Telemetry["assistants"] }) {
  return (
    <Card>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Assistant traffic</caption>
          <TableHead
            columns={[
              { label: "Assistant" },
              { label: "Window" },
              { label: "Requests", className: num },
              { label: "Error rate", className: num },
              { label: "Avg response", className: num },
              { label: "p95 response", className: num },
              { label: "TTFT p50", className: num },
              { label: "Tokens/s", className: num },
              { label: "SLA compliance", className: num },
            ]}
          />
          {assistants.map((assistant) => (
            <tbody
              key={assistant.assistant_id}
              className="border-b border-stone-200 last:border-0 dark:border-stone-800"
            >
              {telemetryWindows.map((window, index) => {
                const stats = assistant.windows[window];
                return (
                  <tr key={window}>
                    {index === 0 && (
                      <th
                        scope="rowgroup"
                        rowSpan={telemetryWindows.length}
                        className={cn(tdClass, "align-top font-medium text-stone-900 dark:text-stone-100")}
                      >
                        {assistant.name}
                        <span className="block text-xs font-normal text-stone-500 dark:text-stone-400">
                          SLA {formatMs(assistant.sla_avg_ms)}
                        </span>
                      </th>
                    )}
                    <th scope="row" className={cn(thClass, "font-normal text-stone-500 dark:text-stone-400")}>
                      {window}
                    </th>
                    <td className={cn(tdClass, num)}>{formatCount(stats.requests)}</td>
                    <td
                      className={cn(tdClass, num, stats.error_rate > 0 && "text-red-700 dark:text-red-400")}
                    >
                      {formatShare(stats.error_rate)}
                    </td>
                    <td className={cn(tdClass, num)}>{formatMs(stats.response_ms.avg)}</td>
                    <td className={cn(tdClass, num)}>{formatMs(stats.response_ms.p95)}</td>
                    <td className={cn(tdClass, num)}>{formatMs(stats.ttft_ms.p50)}</td>
                    <td className={cn(tdClass, num)}>{formatRate(stats.tokens_per_second)}</td>
                    <td className={cn(tdClass, num)}>
                      {formatShare(stats.sla_compliance)}
                      {stats.sla_control && (
                        <span className="block text-xs text-stone-500 dark:text-stone-400">
                          {slaControlSummary(stats.sla_control)}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </Card>
  );
}

export function BackendTrafficTable({ backends }: { backends: Telemetry["backends"] }) {
  return (
    <Card>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Backend traffic</caption>
          <TableHead
            columns={[
              { label: "Backend" },
              { label: "Health" },
              { label: "In flight", className: num },
              { label: "Queued", className: num },
              { label: "Requests (15m)", className: num },
              { label: "Errors (15m)", className: num },
              { label: "p95 response (15m)", className: num },
            ]}
          />
          <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
            {backends.map((backend) => {
              const stats = backend.windows["15m"];
              return (
                <tr key={backend.backend_id}>
                  <th scope="row" className={cn(tdClass, "font-medium text-stone-900 dark:text-stone-100")}>
                    {backend.name}
                  </th>
                  <td className={cn(tdClass, "min-w-40")} data-testid={`traffic-health-${backend.name}`}>
                    {backend.state ? (
                      <Badge tone={stateTones[backend.state]}>{stateNames[backend.state]}</Badge>
                    ) : (
                      <Badge>Disabled</Badge>
                    )}
                    {backend.state && backend.state !== "healthy" && backend.reason && (
                      <p className="mt-1 text-xs whitespace-normal text-stone-600 dark:text-stone-300">
                        {backend.reason}
                      </p>
                    )}
                  </td>
                  <td className={cn(tdClass, num)}>{formatCount(backend.in_flight)}</td>
                  <td className={cn(tdClass, num)}>{formatCount(backend.queued)}</td>
                  <td className={cn(tdClass, num)}>{formatCount(stats.requests)}</td>
                  <td className={cn(tdClass, num, stats.failed > 0 && "text-red-700 dark:text-red-400")}>
                    {formatCount(stats.failed)}
                  </td>
                  <td className={cn(tdClass, num)}>{formatMs(stats.response_ms.p95)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="border-t border-stone-200 px-4 py-3 text-xs text-stone-500 dark:border-stone-800 dark:text-stone-400">
        Health, in flight and queued are as seen by the replica that answered this page; the Backends page has
        the load and checks of each backend.
      </p>
    </Card>
  );
}
