"use client";
import { useQuery } from "@tanstack/react-query";
import { MessagesSquare } from "lucide-react";
import Link from "next/link";
import type { SessionDto } from "@/server/schemas/chat";
import { errorMessage } from "../../_lib/errors";
import { formatDateTime } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { channelLabels } from "../sessions/session-labels";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { Spinner } from "../ui/spinner";

const LIMIT = 30;

type SessionSidebarProps = {
  assistantId: string;
  activeId: string | null;
  loadingId: string | null;
  onSelect: (sessionId: string) => void;
};

/**
 * The assistant's latest sessions (load tests left out by the server), newest first, each named by
 * its first question; choosing one loads it into the chat.
 */
export function SessionSidebar({ assistantId, activeId, loadingId, onSelect }: SessionSidebarProps) {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.sessions.list.queryOptions({ assistantId, query: { limit: LIMIT } }));

  return (
    <Card className="flex max-h-[min(75vh,48rem)] min-h-0 flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-stone-200 px-4 py-3 dark:border-stone-800">
        <h2 id="playground-sessions" className="text-sm font-semibold text-stone-900 dark:text-stone-100">
          Sessions
        </h2>
        {sessions.isFetching && !sessions.isPending && <Spinner />}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {sessions.isPending ? (
          <div className="flex justify-center py-8">
            <Spinner label="Loading sessions…" />
          </div>
        ) : sessions.isError ? (
          <div role="alert" className="space-y-2 p-2 text-sm text-red-700 dark:text-red-400">
            <p>{errorMessage(sessions.error)}</p>
            <Button variant="secondary" size="sm" onClick={() => void sessions.refetch()}>
              Try again
            </Button>
          </div>
        ) : sessions.data.data.length === 0 ? (
          <div className="flex flex-col items-center px-2 py-8 text-center text-sm text-stone-500 dark:text-stone-400">
            <MessagesSquare aria-hidden className="mb-2 size-5" />
            No sessions yet. Send a message to start one.
          </div>
        ) : (
          <ul aria-labelledby="playground-sessions" className="space-y-1">
            {sessions.data.data.map((session) => (
              <li key={session.id}>
                <SessionButton
                  session={session}
                  active={session.id === activeId}
                  loading={session.id === loadingId}
                  onSelect={onSelect}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      {sessions.data && (
        <p className="border-t border-stone-200 px-4 py-2.5 text-xs text-stone-500 dark:border-stone-800 dark:text-stone-400">
          {sessions.data.total > sessions.data.data.length && (
            <>
              Showing the {sessions.data.data.length} newest of {sessions.data.total}.{" "}
            </>
          )}
          <Link
            href={`/console/assistants/${encodeURIComponent(assistantId)}/sessions`}
            className="font-medium text-brand-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-brand-500"
          >
            All sessions
          </Link>
        </p>
      )}
    </Card>
  );
}

function SessionButton({
  session,
  active,
  loading,
  onSelect,
}: {
  session: SessionDto;
  active: boolean;
  loading: boolean;
  onSelect: (sessionId: string) => void;
}) {
  const when = session.created_at;
  return (
    <button
      type="button"
      aria-current={active || undefined}
      aria-busy={loading || undefined}
      onClick={() => onSelect(session.id)}
      className={cn(
        "w-full rounded-md px-3 py-2 text-left text-sm transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
        active
          ? "bg-brand-50 text-brand-700 dark:bg-stone-800 dark:text-white"
          : "text-stone-700 hover:bg-stone-100 dark:text-stone-300 dark:hover:bg-stone-800",
      )}
    >
      <span className="flex items-center justify-between gap-2">
        <span className={cn("truncate font-medium", !session.first_question && "italic")}>
          {session.first_question ?? "No question yet"}
        </span>
        {loading && <Spinner />}
      </span>
      <span
        className={cn(
          "mt-0.5 flex justify-between gap-2 text-xs",
          active ? "text-stone-700 dark:text-stone-300" : "text-stone-500 dark:text-stone-400",
        )}
      >
        <time dateTime={when} className="truncate">
          {formatDateTime(when)}
        </time>
        {session.channel !== "playground" && (
          <span className="shrink-0">{channelLabels[session.channel]}</span>
        )}
      </span>
      <span
        className={cn(
          "mt-0.5 flex justify-between gap-2 text-xs",
          active ? "text-stone-700 dark:text-stone-300" : "text-stone-500 dark:text-stone-400",
        )}
      >
        <span className="truncate">{session.user ?? "No end user"}</span>
        <span className="shrink-0 tabular-nums">
          {session.message_count} message{session.message_count === 1 ? "" : "s"}
        </span>
      </span>
    </button>
  );
}
