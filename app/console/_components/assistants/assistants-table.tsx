"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Bot, Plus, Search } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { AssistantDto } from "@/server/schemas/assistant";
import { canWriteAssistants, useConsoleUser } from "../../_lib/console-user";
import { formatDateTime } from "../../_lib/format";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { useDebouncedValue } from "../../_lib/use-debounced-value";
import { Badge } from "../ui/badge";
import { Button, buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { Input, Select } from "../ui/input";
import { ServingBadge } from "../health/serving-badge";
import { DeleteAssistantButton, EnabledToggleButton } from "./assistant-actions";
import { ListFooter, TableHead } from "../ui/data-table";
import { QueryState } from "../ui/query-state";

export type EnabledFilter = "all" | "enabled" | "disabled";

const PAGE_SIZE = 20;

export function AssistantsTable({
  initialQuery,
  initialFilter,
}: {
  initialQuery: string;
  initialFilter: EnabledFilter;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const user = useConsoleUser();
  const canWrite = canWriteAssistants(user);
  const [query, setQuery] = useState(initialQuery);
  const [filter, setFilter] = useState<EnabledFilter>(initialFilter);
  const q = useDebouncedValue(query.trim(), 300);

  // Keep the filters in the address bar, so a reload or a shared link shows the same list.
  useEffect(() => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (filter !== "all") params.set("enabled", filter === "enabled" ? "true" : "false");
    const search = params.toString();
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
  }, [q, filter]);

  const input = {
    limit: PAGE_SIZE,
    q: q || undefined,
    enabled: filter === "all" ? undefined : filter === "enabled",
  };
  // Not `infiniteQueryOptions`: it adds a `direction` field to the input, which the strict list
  // schema (shared with the REST API) refuses. The key is tRPC's own, so invalidation still works.
  const list = useInfiniteQuery({
    queryKey: trpc.assistants.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.assistants.list.query({ ...input, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    placeholderData: keepPreviousData,
  });

  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const filtered = q !== "" || filter !== "all";

  return (
    <Card>
      <div className="flex flex-wrap items-end gap-3 border-b border-stone-200 p-4 dark:border-stone-800">
        <div className="relative min-w-56 flex-1">
          <label htmlFor="assistant-search" className="sr-only">
            Search assistants
          </label>
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-stone-400"
          />
          <Input
            id="assistant-search"
            type="search"
            placeholder="Search by id, name or description"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            className="pl-9"
          />
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="assistant-status" className="text-sm text-stone-600 dark:text-stone-400">
            Status
          </label>
          <div className="w-36">
            <Select
              id="assistant-status"
              value={filter}
              onChange={(event) => setFilter(event.target.value as EnabledFilter)}
            >
              <option value="all">All</option>
              <option value="enabled">Enabled</option>
              <option value="disabled">Disabled</option>
            </Select>
          </div>
        </div>
      </div>

      <QueryState
        query={list}
        loading="Loading assistants…"
        isEmpty={() => rows.length === 0}
        empty={
          filtered ? (
            <EmptyState
              icon={Search}
              title="No assistants match"
              description="Try another search, or show all assistants."
              action={
                <Button
                  variant="secondary"
                  onClick={() => {
                    setQuery("");
                    setFilter("all");
                  }}
                >
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={Bot}
              title="No assistants yet"
              description="An assistant pairs a model with instructions and, later, knowledge files."
              action={
                canWrite && (
                  <Link href="/console/assistants/new" className={buttonClasses()}>
                    <Plus aria-hidden className="size-4" />
                    New assistant
                  </Link>
                )
              }
            />
          )
        }
      >
        {() => (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Assistants</caption>
                <TableHead
                  columns={[
                    { label: "Name" },
                    { label: "Id" },
                    { label: "Model", className: "hidden lg:table-cell" },
                    { label: "Status" },
                    { label: "Actions", srOnly: true },
                  ]}
                />
                <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
                  {rows.map((assistant) => (
                    <AssistantRow key={assistant.id} assistant={assistant} canWrite={canWrite} />
                  ))}
                </tbody>
              </table>
            </div>
            <ListFooter shown={rows.length} total={total} noun="assistant" list={list} />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function AssistantRow({ assistant, canWrite }: { assistant: AssistantDto; canWrite: boolean }) {
  const idCell = `assistant-${assistant.id}`;
  const href = `/console/assistants/${assistant.id}`;
  return (
    <tr className="align-middle hover:bg-stone-50/70 dark:hover:bg-stone-800/40">
      <td className="max-w-64 px-4 py-3">
        <Link
          href={href}
          className="font-medium text-stone-900 hover:text-brand-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-100"
        >
          {assistant.name}
        </Link>
        {assistant.description && (
          <p className="truncate text-xs text-stone-500 dark:text-stone-400" title={assistant.description}>
            {assistant.description}
          </p>
        )}
        <p className="text-xs text-stone-500 lg:hidden dark:text-stone-400">{assistant.model}</p>
      </td>
      <td className="px-4 py-3 whitespace-nowrap">
        <code id={idCell} className="font-mono text-xs text-stone-700 dark:text-stone-300">
          {assistant.id}
        </code>
      </td>
      <td className="hidden px-4 py-3 whitespace-nowrap text-stone-700 lg:table-cell dark:text-stone-300">
        {assistant.model}
      </td>
      <td className="px-4 py-3">
        <div className="flex flex-col items-start gap-1">
          <span title={`Updated ${formatDateTime(assistant.updated_at)}`}>
            {assistant.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}
          </span>
          {assistant.enabled && <ServingBadge assistant={assistant} withReason />}
        </div>
      </td>
      <td className="px-4 py-3">
        <div className="flex justify-end gap-2">
          {canWrite ? (
            <>
              <EnabledToggleButton assistant={assistant} describedBy={idCell} />
              <Link
                href={href}
                aria-describedby={idCell}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                Edit
              </Link>
              <Link
                href={`${href}/playground`}
                aria-describedby={idCell}
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                Playground
              </Link>
              <DeleteAssistantButton assistant={assistant} describedBy={idCell} />
            </>
          ) : (
            <Link
              href={href}
              aria-describedby={idCell}
              className={buttonClasses({ variant: "secondary", size: "sm" })}
            >
              View
            </Link>
          )}
        </div>
      </td>
    </tr>
  );
}
