"use client";
// One assistant on the Capacity page: its SLA, a row per backend with the users it carries within
// the SLA as configured and with the whole ladder applied, the totals and (for a target) the
// backends needed, then the latest load test's measurement.
import Link from "next/link";
import { useId } from "react";
import type { AssistantCapacity } from "@/server/schemas/capacity";
import { formatDateTime } from "../../_lib/format";
import { formatCount } from "../dashboard/format-metrics";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { tbodyClass, tdClass, thClass, theadClass } from "../ui/table-styles";
import {
  backendsNeededText,
  capacityRows,
  describeDegradation,
  describePlan,
  describeSla,
  formatUsers,
  hasUnlearned,
  measuredText,
  pluralUsers,
  type CapacityCell,
  type CapacityPlan,
} from "./capacity-format";

const num = "text-right tabular-nums";
const linkClass = "font-medium text-brand-700 underline underline-offset-2 dark:text-brand-500";
const NOT_LEARNED = "not yet learned: from defaults";

function UsersCell({ cell }: { cell: CapacityCell | null }) {
  return (
    <td className={cn(tdClass, num)}>
      <span className="inline-flex items-center justify-end gap-2">
        {cell && !cell.learned && <Badge tone="warning">{NOT_LEARNED}</Badge>}
        {formatUsers(cell)}
      </span>
    </td>
  );
}

function PlanHeader({ title, detail }: { title: string; detail: string }) {
  return (
    <th scope="col" className={cn(thClass, num)}>
      {title}
      <span className="block font-normal tracking-normal normal-case">{detail}</span>
    </th>
  );
}

function SlaSummary({ sla }: { sla: AssistantCapacity["sla"] }) {
  return (
    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
      {describeSla(sla).map((item) => (
        <div key={item.label} className="flex gap-1.5">
          <dt className="text-stone-500 dark:text-stone-400">SLA {item.label.toLowerCase()}</dt>
          <dd className="font-medium text-stone-900 dark:text-stone-100">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CapacityTable({ assistant, users }: { assistant: AssistantCapacity; users: number | null }) {
  const { as_configured: configured, degraded } = assistant;
  const plans: CapacityPlan[] = degraded ? [configured, degraded] : [configured];
  return (
    <div
      className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600"
      tabIndex={0}
      role="region"
      aria-label={`Capacity of ${assistant.name}, scrollable`}
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Users within the SLA, {assistant.name}</caption>
        <thead className={theadClass}>
          <tr>
            <th scope="col" className={thClass}>
              Backend
            </th>
            <PlanHeader title="As configured" detail={describePlan(configured)} />
            {degraded && <PlanHeader title="Degraded" detail={describeDegradation(configured, degraded)} />}
          </tr>
        </thead>
        <tbody className={tbodyClass}>
          {capacityRows(assistant).map((row) => (
            <tr key={row.backendId}>
              <th scope="row" className={cn(tdClass, "font-medium text-stone-900 dark:text-stone-100")}>
                {row.backend}
              </th>
              <UsersCell cell={row.asConfigured} />
              {degraded && <UsersCell cell={row.degraded} />}
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-stone-200 dark:border-stone-700">
          <tr>
            <th scope="row" className={cn(tdClass, "font-semibold text-stone-900 dark:text-stone-100")}>
              Total
            </th>
            {plans.map((plan, index) => (
              <td
                key={index}
                className={cn(tdClass, num, "font-semibold text-stone-900 dark:text-stone-100")}
              >
                {formatCount(plan.max_users)}
              </td>
            ))}
          </tr>
          {users !== null && (
            <tr className="border-t border-stone-200 dark:border-stone-800">
              <th scope="row" className={cn(tdClass, "font-semibold text-stone-900 dark:text-stone-100")}>
                Backends needed for {pluralUsers(users)}
              </th>
              {plans.map((plan, index) => (
                <td
                  key={index}
                  className={cn(tdClass, num, "font-semibold text-stone-900 dark:text-stone-100")}
                >
                  {backendsNeededText(plan)}
                </td>
              ))}
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}

function Notes({ assistant, users }: { assistant: AssistantCapacity; users: number | null }) {
  const notes = [
    hasUnlearned(assistant) &&
      `Figures marked “${NOT_LEARNED}” are for a backend that has not answered for the model on this replica yet: they come from the completion model's defaults.`,
    assistant.degraded &&
      assistant.sla.control !== "degrade" &&
      `SLA control is ${assistant.sla.control}: the Degraded column is what the ladder would carry under degrade; answers are not degraded now.`,
    !assistant.degraded && "No degradation ladder: answers are always made as configured.",
    users !== null && "Backends needed counts backends like the ones above (their average).",
  ].filter((note): note is string => typeof note === "string");
  if (notes.length === 0) return null;
  return (
    <ul className="space-y-1 border-t border-stone-200 px-5 py-3 text-xs text-stone-500 dark:border-stone-800 dark:text-stone-400">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

function LatestLoadTest({ loadTest }: { loadTest: AssistantCapacity["load_test"] }) {
  return (
    <p className="border-t border-stone-200 px-5 py-3 text-sm text-stone-700 dark:border-stone-800 dark:text-stone-300">
      {loadTest ? (
        <>
          Measured by the latest load test
          {loadTest.finished_at && ` (${formatDateTime(loadTest.finished_at)})`}:{" "}
          <span className="font-semibold text-stone-900 dark:text-stone-100">{measuredText(loadTest)}</span>.{" "}
          <Link href={`/console/loadtests/${encodeURIComponent(loadTest.id)}`} className={linkClass}>
            Open the load test
          </Link>
        </>
      ) : (
        <>
          No completed load test yet: a{" "}
          <Link href="/console/loadtests" className={linkClass}>
            load test
          </Link>{" "}
          measures what the prediction says.
        </>
      )}
    </p>
  );
}

export function AssistantCapacityCard({
  assistant,
  users,
}: {
  assistant: AssistantCapacity;
  users: number | null;
}) {
  const headingId = useId();
  const servedBy = assistant.as_configured.backends.length + (assistant.degraded?.backends.length ?? 0);
  return (
    <section aria-labelledby={headingId}>
      <Card>
        <div className="space-y-2 p-5">
          <h2 id={headingId} className="text-base font-semibold text-stone-900 dark:text-stone-100">
            <Link
              href={`/console/assistants/${encodeURIComponent(assistant.assistant_id)}`}
              className="underline-offset-2 hover:underline"
            >
              {assistant.name}
            </Link>
          </h2>
          <SlaSummary sla={assistant.sla} />
        </div>
        {servedBy > 0 ? (
          <CapacityTable assistant={assistant} users={users} />
        ) : (
          <p className="border-t border-stone-200 px-5 py-6 text-sm text-stone-600 dark:border-stone-800 dark:text-stone-400">
            No backend serves {assistant.as_configured.model} (draining ones are left out): add one on the{" "}
            <Link href="/console/backends" className={linkClass}>
              Backends
            </Link>{" "}
            page.
          </p>
        )}
        {servedBy > 0 && <Notes assistant={assistant} users={users} />}
        <LatestLoadTest loadTest={assistant.load_test} />
      </Card>
    </section>
  );
}
