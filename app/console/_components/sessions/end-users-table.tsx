"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { UserRound } from "lucide-react";
import { canChat, useConsoleUser } from "../../_lib/console-user";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { QueryState } from "../ui/query-state";
import { tbodyClass, tdClass } from "../ui/table-styles";
import { Time } from "./time-cell";
import { ListFooter, TableHead } from "../ui/data-table";
import { EraseEndUserButton } from "./erase-end-user-button";

const PAGE_SIZE = 25;

/**
 * The end users (the `user` ids callers pass) who talked to the assistant; operators and admins may
 * erase one (a privacy request).
 */
export function EndUsersTable({
  assistantId,
  onShowSessions,
}: {
  assistantId: string;
  onShowSessions: (user: string) => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  // Erasing is deleting sessions: the server refuses viewers, as it refuses them the playground.
  const canErase = canChat(useConsoleUser());
  const query = { limit: PAGE_SIZE };
  // Manual paging under the procedure's path, as in sessions-table.tsx.
  const list = useInfiniteQuery({
    queryKey: [...trpc.sessions.endUsers.pathKey(), "infinite", { assistantId, query }],
    queryFn: ({ pageParam, signal }) =>
      client.sessions.endUsers.query(
        { assistantId, query: { ...query, cursor: pageParam ?? undefined } },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
  });
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <QueryState
      query={list}
      loading="Loading end users…"
      isEmpty={() => rows.length === 0}
      empty={
        <EmptyState
          icon={UserRound}
          title="No end users yet"
          description="End users appear when a request names one with the `user` field."
        />
      }
    >
      {() => (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">End users</caption>
              <TableHead
                columns={[
                  { label: "End user" },
                  { label: "First seen" },
                  { label: "Last seen" },
                  { label: "Sessions", className: "text-right" },
                  { label: "Messages", className: "text-right" },
                  { label: "Actions", srOnly: true },
                ]}
              />
              <tbody className={tbodyClass}>
                {rows.map((endUser, index) => {
                  const cellId = `end-user-${index}`;
                  return (
                    <tr key={endUser.id}>
                      <td
                        id={cellId}
                        className={`${tdClass} max-w-56 truncate font-medium`}
                        title={endUser.id}
                      >
                        {endUser.id}
                      </td>
                      <td className={`${tdClass} whitespace-nowrap`}>
                        <Time iso={endUser.first_seen_at} />
                      </td>
                      <td className={`${tdClass} whitespace-nowrap`}>
                        <Time iso={endUser.last_seen_at} />
                      </td>
                      <td className={`${tdClass} text-right tabular-nums`}>{endUser.session_count}</td>
                      <td className={`${tdClass} text-right tabular-nums`}>{endUser.message_count}</td>
                      <td className={`${tdClass} text-right`}>
                        <div className="flex justify-end gap-2">
                          <Button
                            variant="secondary"
                            size="sm"
                            aria-describedby={cellId}
                            onClick={() => onShowSessions(endUser.id)}
                          >
                            Show sessions
                          </Button>
                          {canErase && (
                            <EraseEndUserButton
                              assistantId={assistantId}
                              user={endUser.id}
                              describedBy={cellId}
                            />
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ListFooter shown={rows.length} total={total} noun="end user" list={list} />
        </>
      )}
    </QueryState>
  );
}
