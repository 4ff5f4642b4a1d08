"use client";
// Search across every assistant's stored conversations (PostgreSQL full-text search on the server):
// words, then filters; each hit shows its passage with the matched words marked and opens the
// transcript at that message.
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { MessagesSquare, Search, ThumbsDown, ThumbsUp } from "lucide-react";
import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import type { ConversationHit } from "@/server/schemas/conversation-search";
import { SEARCH_QUERY_MAX } from "@/server/schemas/conversation-search";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { useDebouncedValue } from "../../_lib/use-debounced-value";
import { channelFilterOptions, channelLabels } from "../sessions/session-labels";
import { Time } from "../sessions/time-cell";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ListFooter } from "../ui/data-table";
import { EmptyState } from "../ui/empty-state";
import { Input, Select } from "../ui/input";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { Spinner } from "../ui/spinner";
import {
  emptySearchFilters,
  feedbackOptions,
  pageSearch,
  roleOptions,
  snippetPieces,
  toSearchQuery,
  type SearchFilterValues,
} from "./conversation-search-query";

const PAGE_SIZE = 20;

export function ConversationSearchView({ initialFilters }: { initialFilters: SearchFilterValues }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [values, setValues] = useState<SearchFilterValues>(initialFilters);
  const words = useDebouncedValue(values.q, 300);
  const query = toSearchQuery({ ...values, q: words });
  const assistants = useQuery(trpc.assistants.list.queryOptions({ limit: 100 }));
  const set = (change: Partial<SearchFilterValues>) => setValues((current) => ({ ...current, ...change }));

  useEffect(() => {
    const search = pageSearch(values);
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, [values]);

  const hits = useInfiniteQuery({
    queryKey: [...trpc.sessions.search.pathKey(), "infinite", query],
    queryFn: ({ pageParam, signal }) =>
      client.sessions.search.query(
        { ...query!, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    placeholderData: keepPreviousData,
    enabled: query !== null,
  });
  const rows = hits.data?.pages.flatMap((page) => page.data) ?? [];
  const total = hits.data?.pages[0]?.total ?? 0;
  const names = new Map((assistants.data?.data ?? []).map((assistant) => [assistant.id, assistant.name]));
  const filtered = Boolean(values.assistant || values.channel || values.role || values.feedback);

  return (
    <>
      <PageHeader
        title="Conversations"
        description="Search what end users asked and what the assistants answered, across every assistant. Load tests are left out unless you pick their channel."
      />
      <Card>
        <form
          role="search"
          aria-label="Conversations"
          onSubmit={(event) => event.preventDefault()}
          className="flex flex-wrap items-end gap-3 border-b border-stone-200 p-4 dark:border-stone-800"
        >
          <div className="relative min-w-64 flex-1">
            <label htmlFor="conversation-search" className="sr-only">
              Words to look for
            </label>
            <Search
              aria-hidden
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-stone-400"
            />
            <Input
              id="conversation-search"
              type="search"
              placeholder='Words to look for: refund, "late parcel", -test'
              maxLength={SEARCH_QUERY_MAX}
              value={values.q}
              onChange={(event) => set({ q: event.target.value })}
              className="pl-9"
            />
          </div>
          <Filter id="conversation-assistant" label="Assistant">
            <Select
              id="conversation-assistant"
              value={values.assistant}
              onChange={(event) => set({ assistant: event.target.value })}
              className="w-auto"
            >
              <option value="">All assistants</option>
              {(assistants.data?.data ?? []).map((assistant) => (
                <option key={assistant.id} value={assistant.id}>
                  {assistant.name}
                </option>
              ))}
              {values.assistant && !names.has(values.assistant) && (
                <option value={values.assistant}>{values.assistant}</option>
              )}
            </Select>
          </Filter>
          <Filter id="conversation-channel" label="Channel">
            <Select
              id="conversation-channel"
              value={values.channel}
              onChange={(event) => set({ channel: event.target.value as SearchFilterValues["channel"] })}
              className="w-auto"
            >
              {channelFilterOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Filter>
          <Filter id="conversation-role" label="In">
            <Select
              id="conversation-role"
              value={values.role}
              onChange={(event) => set({ role: event.target.value as SearchFilterValues["role"] })}
              className="w-auto"
            >
              {roleOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Filter>
          <Filter id="conversation-feedback" label="Rating">
            <Select
              id="conversation-feedback"
              value={values.feedback}
              onChange={(event) => set({ feedback: event.target.value as SearchFilterValues["feedback"] })}
              className="w-auto"
            >
              {feedbackOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Filter>
          {hits.isFetching && !hits.isPending && !hits.isFetchingNextPage && <Spinner />}
        </form>
        {query === null ? (
          <EmptyState
            icon={Search}
            title="Search the conversations"
            description='Type words to look for. All of them must appear; put a phrase in quotes, use "or" for alternatives and a minus to leave a word out. "Refunds" also finds "refund".'
          />
        ) : (
          <QueryState
            query={hits}
            loading="Searching…"
            isEmpty={() => rows.length === 0}
            empty={
              <EmptyState
                icon={MessagesSquare}
                title="Nothing found"
                description={`No ${values.role === "user" ? "question" : values.role === "assistant" ? "answer" : "message"} matches these words${filtered ? " and filters" : ""}.`}
                action={
                  filtered && (
                    <Button
                      variant="secondary"
                      onClick={() => setValues({ ...emptySearchFilters, q: values.q })}
                    >
                      Clear filters
                    </Button>
                  )
                }
              />
            }
          >
            {() => (
              <>
                <ol aria-label="Search results" className="divide-y divide-stone-200 dark:divide-stone-800">
                  {rows.map((hit) => (
                    <HitItem key={hit.message_id} hit={hit} assistantName={names.get(hit.assistant_id)} />
                  ))}
                </ol>
                <ListFooter shown={rows.length} total={total} noun="result" list={hits} />
              </>
            )}
          </QueryState>
        )}
      </Card>
    </>
  );
}

function Filter({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-stone-600 dark:text-stone-400">
        {label}
      </label>
      {children}
    </div>
  );
}

function HitItem({ hit, assistantName }: { hit: ConversationHit; assistantName: string | undefined }) {
  const href =
    `/console/assistants/${encodeURIComponent(hit.assistant_id)}/sessions/${encodeURIComponent(hit.session_id)}` +
    `#message-${encodeURIComponent(hit.message_id)}`;
  return (
    <li className="space-y-1.5 px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-500 dark:text-stone-400">
        <span className="font-medium text-stone-900 dark:text-stone-100">
          {assistantName ?? hit.assistant_id}
        </span>
        <span>{hit.role === "user" ? "Question" : "Answer"}</span>
        <Badge>{channelLabels[hit.channel]}</Badge>
        {hit.user && <span className="max-w-48 truncate">{hit.user}</span>}
        {hit.feedback === "up" && (
          <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
            <ThumbsUp aria-hidden className="size-3.5" /> Helpful
          </span>
        )}
        {hit.feedback === "down" && (
          <span className="inline-flex items-center gap-1 text-red-700 dark:text-red-400">
            <ThumbsDown aria-hidden className="size-3.5" /> Unhelpful
          </span>
        )}
        {hit.status !== "completed" && (
          <Badge tone={hit.status === "failed" ? "danger" : "warning"}>{hit.status}</Badge>
        )}
        <Time iso={hit.created_at} />
      </div>
      <p className="text-sm text-stone-800 dark:text-stone-200">
        {snippetPieces(hit.snippet, hit.highlights).map((piece, index) =>
          piece.marked ? (
            <mark
              key={index}
              className="rounded-sm bg-amber-100 px-0.5 text-stone-900 dark:bg-amber-900/60 dark:text-stone-50"
            >
              {piece.text}
            </mark>
          ) : (
            <span key={index}>{piece.text}</span>
          ),
        )}
      </p>
      <Link
        href={href}
        className="text-xs font-medium text-brand-700 hover:underline focus-visible:rounded focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-brand-500"
      >
        Open the conversation<span className="sr-only"> {hit.session_id}</span>
      </Link>
    </li>
  );
}
