"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { MessagesSquare, Search } from "lucide-react";
import Link from "next/link";
import { canChat, useConsoleUser } from "../../_lib/console-user";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { useDebouncedValue } from "../../_lib/use-debounced-value";
import { Button, buttonClasses } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { Badge } from "../ui/badge";
import { Input, Select } from "../ui/input";
import { Spinner } from "../ui/spinner";
import { tbodyClass, tdClass } from "../ui/table-styles";
import { Time } from "./time-cell";
import { ListFooter, TableHead } from "../ui/data-table";
import { QueryState } from "../ui/query-state";
import { emptyDateRange, toDateBounds, type DateRange } from "./date-range";
import { channelFilterOptions, channelLabels, statusBadge, tokenSummary } from "./session-labels";
import type { Channel } from "@/server/schemas/chat";
import type { SessionFeedbackFilter } from "@/server/schemas/feedback";
import { feedbackFilterOptions } from "../chat/feedback-labels";

const PAGE_SIZE = 25;

/**
 * An assistant's sessions, newest first, optionally for one end user, one channel and between two
 * days (load tests only when their channel is chosen); "Load more" pages on.
 */
export function SessionsTable({
  assistantId,
  userText,
  onUserTextChange,
  dates,
  onDatesChange,
  channel,
  onChannelChange,
  feedback,
  onFeedbackChange,
}: {
  assistantId: string;
  userText: string;
  onUserTextChange: (text: string) => void;
  dates: DateRange;
  onDatesChange: (dates: DateRange) => void;
  channel: Channel | "";
  onChannelChange: (channel: Channel | "") => void;
  /** Only sessions whose answers are rated so (or none rated); "" for all. */
  feedback: SessionFeedbackFilter | "";
  onFeedbackChange: (feedback: SessionFeedbackFilter | "") => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const chat = canChat(useConsoleUser());
  const user = useDebouncedValue(userText.trim(), 300);
  const range = toDateBounds(dates);
  const query = {
    limit: PAGE_SIZE,
    user: user || undefined,
    channel: channel || undefined,
    feedback: feedback || undefined,
    ...(range.ok ? range.bounds : {}),
  };
  const filtered = Boolean(user || dates.from || dates.to || channel || feedback);
  const clearFilters = () => {
    onUserTextChange("");
    onDatesChange(emptyDateRange);
    onChannelChange("");
    onFeedbackChange("");
  };
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
    enabled: range.ok,
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
        <div className="flex items-center gap-2">
          <label htmlFor="session-channel-filter" className="text-sm text-stone-600 dark:text-stone-400">
            Channel
          </label>
          <Select
            id="session-channel-filter"
            value={channel}
            onChange={(event) => onChannelChange(event.target.value as Channel | "")}
            className="w-auto"
          >
            {channelFilterOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor="session-feedback-filter" className="text-sm text-stone-600 dark:text-stone-400">
            Feedback
          </label>
          <Select
            id="session-feedback-filter"
            value={feedback}
            onChange={(event) => onFeedbackChange(event.target.value as SessionFeedbackFilter | "")}
            className="w-auto"
          >
            {feedbackFilterOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
        <DateFilter dates={dates} onChange={onDatesChange} invalid={!range.ok} />
        {list.isFetching && !list.isPending && !list.isFetchingNextPage && <Spinner />}
      </div>
      {!range.ok ? (
        <p
          id="session-date-error"
          role="alert"
          className="px-4 py-10 text-center text-sm text-red-700 dark:text-red-400"
        >
          {range.message} Pick an end date on or after the start date.
        </p>
      ) : (
        <QueryState
          query={list}
          loading="Loading sessions…"
          isEmpty={() => rows.length === 0}
          empty={
            filtered ? (
              <EmptyState
                icon={Search}
                title={
                  user && !dates.from && !dates.to && !channel && !feedback
                    ? "No sessions for this end user"
                    : "No matching sessions"
                }
                description={
                  user ? (
                    <>
                      No session{dates.from || dates.to ? " in these dates" : ""}
                      {channel ? ` from the ${channelLabels[channel]}` : ""} has the end user{" "}
                      <code className="font-mono">{user}</code>. The id must match exactly.
                    </>
                  ) : feedback ? (
                    "No session matches this feedback filter."
                  ) : channel ? (
                    `No session came from the ${channelLabels[channel]}${dates.from || dates.to ? " in these dates" : ""}.`
                  ) : (
                    "No session started between these dates."
                  )
                }
                action={
                  <Button variant="secondary" onClick={clearFilters}>
                    {[user, dates.from || dates.to, channel, feedback].filter(Boolean).length > 1
                      ? "Clear filters"
                      : "Clear filter"}
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
          }
        >
          {() => (
            <>
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Sessions</caption>
                  <TableHead
                    columns={[
                      { label: "Conversation" },
                      { label: "Channel" },
                      { label: "End user" },
                      { label: "Status" },
                      { label: "Messages", className: "text-right" },
                      { label: "Tokens", className: "text-right" },
                      { label: "Started" },
                    ]}
                  />
                  <tbody className={tbodyClass}>
                    {rows.map((session) => {
                      const status = statusBadge(session.last_status);
                      const tokens = tokenSummary(session.tokens);
                      return (
                        <tr key={session.id} className="hover:bg-stone-50/70 dark:hover:bg-stone-800/40">
                          <td className={`${tdClass} max-w-80`}>
                            <Link
                              href={`${base}/sessions/${encodeURIComponent(session.id)}`}
                              className="group block rounded focus-visible:outline-2 focus-visible:outline-brand-600"
                              title={session.first_question ?? undefined}
                            >
                              <span
                                className={`block truncate font-medium text-stone-900 group-hover:text-brand-700 group-hover:underline dark:text-stone-100 ${session.first_question ? "" : "italic"}`}
                              >
                                {session.first_question ?? "No question yet"}
                              </span>
                              <span className="block font-mono text-xs text-stone-500 dark:text-stone-400">
                                {session.id}
                              </span>
                            </Link>
                          </td>
                          <td className={tdClass}>
                            <Badge>{channelLabels[session.channel]}</Badge>
                          </td>
                          <td className={`${tdClass} max-w-48 truncate`} title={session.user ?? undefined}>
                            {session.user ?? <span className="text-stone-400">—</span>}
                          </td>
                          <td className={tdClass}>
                            {status ? (
                              <Badge tone={status.tone}>{status.label}</Badge>
                            ) : (
                              <span className="text-stone-400">—</span>
                            )}
                          </td>
                          <td className={`${tdClass} text-right tabular-nums`}>{session.message_count}</td>
                          <td className={`${tdClass} text-right tabular-nums`}>
                            <abbr title={tokens.full} className="no-underline">
                              {tokens.short}
                            </abbr>
                          </td>
                          <td className={`${tdClass} whitespace-nowrap`}>
                            <Time iso={session.created_at} />
                            {session.last_message_at && (
                              <span className="block text-xs text-stone-500 dark:text-stone-400">
                                last message <Time iso={session.last_message_at} />
                              </span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <ListFooter shown={rows.length} total={total} noun="session" list={list} />
            </>
          )}
        </QueryState>
      )}
    </>
  );
}

/** Two day pickers (the browser's own, keyboard-operable); either may stay empty. */
function DateFilter({
  dates,
  onChange,
  invalid,
}: {
  dates: DateRange;
  onChange: (dates: DateRange) => void;
  invalid: boolean;
}) {
  const field = (key: keyof DateRange, label: string) => (
    <div className="flex items-center gap-2">
      <label htmlFor={`session-${key}-filter`} className="text-sm text-stone-600 dark:text-stone-400">
        {label}
      </label>
      <Input
        id={`session-${key}-filter`}
        type="date"
        value={dates[key]}
        max={key === "from" && dates.to ? dates.to : undefined}
        min={key === "to" && dates.from ? dates.from : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? "session-date-error" : undefined}
        onChange={(event) => onChange({ ...dates, [key]: event.target.value })}
        // The browser's own picker (and its calendar icon) follow the console's theme.
        className="w-auto dark:scheme-dark"
      />
    </div>
  );
  return (
    <fieldset className="flex flex-wrap items-center gap-3">
      <legend className="sr-only">Started between</legend>
      {field("from", "From")}
      {field("to", "To")}
      {(dates.from || dates.to) && (
        <Button variant="ghost" size="sm" onClick={() => onChange(emptyDateRange)}>
          Clear dates
        </Button>
      )}
    </fieldset>
  );
}
