"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { MessagesSquare, Search } from "lucide-react";
import Link from "next/link";
import { canChat, useConsoleUser } from "../../_lib/console-user";
import { errorMessage } from "../../_lib/errors";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { useDebouncedValue } from "../../_lib/use-debounced-value";
import { Button, buttonClasses } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { ErrorState } from "../ui/error-state";
import { Input } from "../ui/input";
import { Spinner } from "../ui/spinner";
import { tbodyClass, tdClass } from "../ui/table-styles";
import { Time } from "./time-cell";
import { ListFooter, TableHead } from "../ui/data-table";

const PAGE_SIZE = 25;

/** An assistant's sessions, newest first, optionally for one end user; "Load more" pages on. */
export function SessionsTable({
  assistantId,
  userText,
  onUserTextChange,
}: {
  assistantId: string;
  userText: string;
  onUserTextChange: (text: string) => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const chat = canChat(useConsoleUser());
  const user = useDebouncedValue(userText.trim(), 300);
  const query = { limit: PAGE_SIZE, user: user || undefined };
  // Manual paging (the cursor sits inside `query`, where tRPC's infinite helpers do not look),
  // under the procedure's path so that invalidating `sessions` refreshes it.
  const list = useInfiniteQuery({
    queryKey: [...trpc.sessions.list.pathKey(), "infinite", { assistantId, query }],
    queryFn: ({ pageParam, signal }) =>
      client.sessions.list.query(
        { assistantId, query: { ...query, cursor: pageParam ?? undefined } },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const base = `/console/assistants/${encodeURIComponent(assistantId)}`;

  return (
    <>
      <div className="flex flex-wrap items-center gap-3 border-b border-stone-200 p-4 dark:border-stone-800">
        <div className="relative min-w-56 flex-1 sm:max-w-sm">
          <label htmlFor="session-user-filter" className="sr-only">
            End user id
          </label>
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-stone-400"
          />
          <Input
            id="session-user-filter"
            type="search"
            placeholder="Filter by end user id"
            value={userText}
            onChange={(event) => onUserTextChange(event.target.value)}
            className="pl-9"
          />
        </div>
        {list.isFetching && !list.isPending && !list.isFetchingNextPage && <Spinner />}
      </div>
      {list.isPending ? (
        <div className="flex justify-center py-16">
          <Spinner label="Loading sessions…" />
        </div>
      ) : list.isError && rows.length === 0 ? (
        <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        user ? (
          <EmptyState
            icon={Search}
            title="No sessions for this end user"
            description={
              <>
                No session has the end user <code className="font-mono">{user}</code>. The id must match
                exactly.
              </>
            }
            action={
              <Button variant="secondary" onClick={() => onUserTextChange("")}>
                Clear filter
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={MessagesSquare}
            title="No sessions yet"
            description="Each conversation with this assistant, through the API or the playground, is stored as a session."
            action={
              chat && (
                <Link href={`${base}/playground`} className={buttonClasses({ variant: "secondary" })}>
                  Open the playground
                </Link>
              )
            }
          />
        )
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Sessions</caption>
              <TableHead
                columns={[
                  { label: "Session" },
                  { label: "End user" },
                  { label: "Messages", className: "text-right" },
                  { label: "Started" },
                  { label: "Last message" },
                ]}
              />
              <tbody className={tbodyClass}>
                {rows.map((session) => (
                  <tr key={session.id} className="hover:bg-stone-50/70 dark:hover:bg-stone-800/40">
                    <td className={tdClass}>
                      <Link
                        href={`${base}/sessions/${encodeURIComponent(session.id)}`}
                        className="font-mono text-xs font-medium text-stone-900 hover:text-brand-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-stone-100"
                      >
                        {session.id}
                      </Link>
                    </td>
                    <td className={`${tdClass} max-w-48 truncate`} title={session.user ?? undefined}>
                      {session.user ?? <span className="text-stone-400">—</span>}
                    </td>
                    <td className={`${tdClass} text-right tabular-nums`}>{session.message_count}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      <Time iso={session.created_at} />
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      <Time iso={session.last_message_at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter shown={rows.length} total={total} noun="session" list={list} />
        </>
      )}
    </>
  );
}
