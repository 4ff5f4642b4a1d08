"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { ChevronRight, ScrollText, Search } from "lucide-react";
import { Fragment, useState } from "react";
import type { AuditEventDto } from "@/server/schemas/audit";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { Time } from "../sessions/time-cell";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { ListFooter, TableHead } from "../ui/data-table";
import { EmptyState } from "../ui/empty-state";
import { QueryState } from "../ui/query-state";
import { tbodyClass, tdClass } from "../ui/table-styles";
import { AuditChanges } from "./audit-changes";
import { ACTION_ERROR_ID, DATE_ERROR_ID } from "./audit-filters";
import type { AuditQuery } from "./audit-query";

const PAGE_SIZE = 50;

const columns = [
  { label: "Time" },
  { label: "Who" },
  { label: "Action" },
  { label: "Target" },
  { label: "Outcome" },
  { label: "Address", className: "hidden md:table-cell" },
];

/** The events matching the filters, newest first; "Load more" pages on; a row opens its details. */
export function AuditTable({
  query,
  filtered,
  onClearFilters,
}: {
  query: AuditQuery;
  filtered: boolean;
  onClearFilters: () => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const filters = query.ok ? query.filters : {};
  // Manual paging (the cursor is part of the input, where tRPC's infinite helpers do not look),
  // under the procedure's path so that invalidating `audit` refreshes it.
  const list = useInfiniteQuery({
    queryKey: [...trpc.audit.list.pathKey(), "infinite", filters],
    queryFn: ({ pageParam, signal }) =>
      client.audit.list.query({ ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    placeholderData: keepPreviousData,
    enabled: query.ok,
  });
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  if (!query.ok) {
    return (
      <p
        id={query.field === "action" ? ACTION_ERROR_ID : DATE_ERROR_ID}
        role="alert"
        className="px-4 py-10 text-center text-sm text-red-700 dark:text-red-400"
      >
        {query.field === "dates"
          ? `${query.message} Pick an end date on or after the start date.`
          : query.message}
      </p>
    );
  }
  return (
    <QueryState
      query={list}
      loading="Loading audit events…"
      isEmpty={() => rows.length === 0}
      empty={
        filtered ? (
          <EmptyState
            icon={Search}
            title="No matching events"
            description="No audit event matches these filters. An action is matched exactly unless it ends with *; an e-mail or actor id must match exactly."
            action={
              <Button variant="secondary" onClick={onClearFilters}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={ScrollText}
            title="No audit events yet"
            description="Changes to assistants, knowledge, backends, keys, users, settings and the widget, and every sign-in, appear here."
          />
        )
      }
    >
      {() => (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit events, newest first</caption>
              <TableHead columns={columns} />
              <tbody className={tbodyClass}>
                {rows.map((event) => (
                  <AuditRow key={event.id} event={event} />
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter shown={rows.length} total={total} noun="event" list={list} />
        </>
      )}
    </QueryState>
  );
}

function AuditRow({ event }: { event: AuditEventDto }) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-details-${event.id}`;
  return (
    <Fragment>
      <tr
        className={cn(
          "align-top hover:bg-stone-50/70 dark:hover:bg-stone-800/40",
          open && "bg-stone-50/70 dark:bg-stone-800/40",
        )}
      >
        <td className={`${tdClass} whitespace-nowrap`}>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
            className="inline-flex items-center gap-1.5 rounded text-left font-medium text-stone-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-100"
          >
            <ChevronRight
              aria-hidden
              className={cn("size-4 shrink-0 transition-transform", open && "rotate-90")}
            />
            <Time iso={event.created_at} />
            {/* A constant name: aria-expanded tells whether the details are open. */}
            <span className="sr-only">: details of {event.action}</span>
          </button>
        </td>
        <td className={`${tdClass} max-w-64`}>
          <div className="truncate text-stone-900 dark:text-stone-100" title={event.actor_label || undefined}>
            {event.actor_label || <span className="text-stone-500 dark:text-stone-400">—</span>}
          </div>
          <div className="truncate font-mono text-xs text-stone-500 dark:text-stone-400" title={event.actor}>
            {event.actor}
          </div>
        </td>
        <td className={`${tdClass} font-mono text-xs whitespace-nowrap`}>{event.action}</td>
        <td className={`${tdClass} max-w-56`}>
          <span className="text-stone-600 dark:text-stone-400">{event.target_type}</span>
          {event.target_id && (
            <div
              className="truncate font-mono text-xs text-stone-900 dark:text-stone-100"
              title={event.target_id}
            >
              {event.target_id}
            </div>
          )}
        </td>
        <td className={tdClass}>
          <Badge tone={event.outcome === "success" ? "success" : "danger"}>{event.outcome}</Badge>
        </td>
        <td className={`${tdClass} hidden font-mono text-xs whitespace-nowrap md:table-cell`}>
          {event.client_address ?? <span className="text-stone-500 dark:text-stone-400">—</span>}
        </td>
      </tr>
      <tr id={detailsId} hidden={!open} className="bg-stone-50/70 dark:bg-stone-800/40">
        <td colSpan={columns.length} className="px-4 pt-1 pb-4">
          <AuditDetails event={event} />
        </td>
      </tr>
    </Fragment>
  );
}

function AuditDetails({ event }: { event: AuditEventDto }) {
  return (
    <div className="space-y-3">
      <dl className="grid gap-x-6 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]">
        <dt className="text-stone-500 dark:text-stone-400">Event</dt>
        <dd className="font-mono break-all text-stone-900 dark:text-stone-100">{event.id}</dd>
        <dt className="text-stone-500 dark:text-stone-400">Request id</dt>
        <dd className="font-mono break-all text-stone-900 dark:text-stone-100">{event.request_id ?? "—"}</dd>
        <dt className="text-stone-500 dark:text-stone-400">Address</dt>
        <dd className="font-mono text-stone-900 dark:text-stone-100">{event.client_address ?? "—"}</dd>
      </dl>
      <AuditChanges changes={event.changes} />
    </div>
  );
}
