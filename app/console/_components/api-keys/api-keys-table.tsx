"use client";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryResult,
} from "@tanstack/react-query";
import { ChartColumn, KeyRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import type { ApiKeyDto } from "@/server/schemas/api-key";
import type { QuotaUsage } from "@/server/schemas/quotas";
import { formatDate, formatDateTime } from "../../_lib/format";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Button, buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { EmptyState } from "../ui/empty-state";
import { Checkbox } from "../ui/input";
import { Spinner } from "../ui/spinner";
import { ListFooter, TableHead } from "../ui/data-table";
import { QueryState } from "../ui/query-state";
import { hasQuotas } from "../quotas/quota-form-schema";
import { QuotaUsageList } from "../quotas/quota-usage-list";
import { EditQuotasDialog } from "./edit-quotas-dialog";

const PAGE_SIZE = 50;

function Time({ iso, empty = "—" }: { iso: string | null; empty?: string }) {
  if (!iso) return <span className="text-stone-500 dark:text-stone-400">{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatDate(iso)}
    </time>
  );
}

function Status({ apiKey, now }: { apiKey: ApiKeyDto; now: number }) {
  if (apiKey.revoked_at) {
    return (
      <span className="inline-flex flex-col items-start gap-0.5">
        <Badge tone="danger">Revoked</Badge>
        <span className="text-xs text-stone-500 dark:text-stone-400">
          <Time iso={apiKey.revoked_at} />
        </span>
      </span>
    );
  }
  if (apiKey.expires_at && new Date(apiKey.expires_at).getTime() <= now)
    return <Badge tone="warning">Expired</Badge>;
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Badge tone="success">Active</Badge>
      {apiKey.expires_at && (
        <span className="text-xs text-stone-500 dark:text-stone-400">
          until <Time iso={apiKey.expires_at} />
        </span>
      )}
    </span>
  );
}

export function ApiKeysTable() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [showRevoked, setShowRevoked] = useState(false);
  // "Expired" is judged against the time the page opened; a reload brings it up to date.
  const [now] = useState(() => Date.now());
  const input = { limit: PAGE_SIZE, include_revoked: showRevoked };
  // Manual paging rather than `infiniteQueryOptions`, whose extra `direction` field the strict
  // list schema refuses (see assistants-table.tsx).
  const list = useInfiniteQuery({
    queryKey: trpc.apiKeys.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.apiKeys.list.query({ ...input, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  const quotaUse = useQuotaUse(rows);

  return (
    <Card>
      <div className="flex items-center justify-between gap-3 border-b border-stone-200 px-4 py-3 dark:border-stone-800">
        <label className="flex items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
          <Checkbox checked={showRevoked} onChange={(event) => setShowRevoked(event.target.checked)} />
          Show revoked keys
        </label>
        {list.isFetching && !list.isPending && <Spinner />}
      </div>
      <QueryState
        query={list}
        loading="Loading API keys…"
        isEmpty={() => rows.length === 0}
        empty={
          <EmptyState
            icon={KeyRound}
            title={showRevoked ? "No API keys" : "No active API keys"}
            description="Create a key to let an integration call the REST API or the OpenAI-compatible endpoints."
          />
        }
      >
        {() => (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">API keys</caption>
                <TableHead
                  columns={[
                    { label: "Name" },
                    { label: "Access" },
                    { label: "Activity" },
                    { label: "Quotas" },
                    { label: "Status" },
                    { label: "Actions", srOnly: true },
                  ]}
                />
                <tbody className="divide-y divide-stone-200 dark:divide-stone-800">
                  {rows.map((apiKey) => (
                    <ApiKeyRow key={apiKey.id} apiKey={apiKey} now={now} quotaUse={quotaUse} />
                  ))}
                </tbody>
              </table>
            </div>
            <ListFooter shown={rows.length} total={total} noun="key" list={list} />
          </>
        )}
      </QueryState>
    </Card>
  );
}

/**
 * The quota use of every listed key that has quotas, in one request polled every 15 s (not one
 * per key): by key id.
 */
function useQuotaUse(rows: readonly ApiKeyDto[]) {
  const trpc = useTRPC();
  const ids = rows.filter(isMetered).map((apiKey) => apiKey.id);
  return useQuery(
    trpc.apiKeys.quotaUsageMany.queryOptions(
      { ids: ids.length > 0 ? ids : ["none"] },
      {
        enabled: ids.length > 0,
        refetchInterval: 15_000,
        placeholderData: keepPreviousData,
        select: (result) => new Map(result.data.map((entry) => [entry.id, entry.usage])),
      },
    ),
  );
}

type QuotaUse = Pick<UseQueryResult<Map<string, QuotaUsage[]>>, "data" | "isError">;

/** Keys whose use of quotas is shown (revoked keys no longer use them). */
const isMetered = (apiKey: ApiKeyDto) => !apiKey.revoked_at && hasQuotas(apiKey.quotas);

function ApiKeyRow({ apiKey, now, quotaUse }: { apiKey: ApiKeyDto; now: number; quotaUse: QuotaUse }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions());
  const nameId = `api-key-${apiKey.id}`;
  return (
    <tr className={apiKey.revoked_at ? "text-stone-500 dark:text-stone-400" : undefined}>
      <td className="max-w-56 px-4 py-3">
        {/* Names are free text (a load test's key is one long token): they wrap anywhere rather than widen the table. */}
        <span id={nameId} className="block font-medium wrap-anywhere text-stone-900 dark:text-stone-100">
          {apiKey.name}
        </span>
        <code className="font-mono text-xs whitespace-nowrap text-stone-500 dark:text-stone-400">
          {apiKey.prefix}…
        </code>
      </td>
      <td className="max-w-48 px-4 py-3">
        <Badge tone={apiKey.scope === "admin" ? "brand" : "neutral"}>{apiKey.scope}</Badge>
        {apiKey.scope === "admin" ? null : apiKey.assistant_ids.length === 0 ? (
          <span className="mt-1 block text-xs">All assistants</span>
        ) : (
          <span className="mt-1 block truncate font-mono text-xs" title={apiKey.assistant_ids.join(", ")}>
            {apiKey.assistant_ids.join(", ")}
          </span>
        )}
      </td>
      <td className="px-4 py-3 text-xs whitespace-nowrap">
        <span className="block">
          Created <Time iso={apiKey.created_at} />
        </span>
        <span className="block text-stone-500 dark:text-stone-400">
          Last used <Time iso={apiKey.last_used_at} empty="never" />
        </span>
      </td>
      <td className="px-4 py-3">
        <QuotaSummary apiKey={apiKey} quotaUse={quotaUse} />
      </td>
      <td className="px-4 py-3">
        <Status apiKey={apiKey} now={now} />
      </td>
      <td className="px-4 py-3">
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Link
            href={`/console/usage?api_key_id=${encodeURIComponent(apiKey.id)}&group_by=assistant`}
            aria-describedby={nameId}
            className={buttonClasses({ variant: "secondary", size: "sm" })}
          >
            <ChartColumn aria-hidden className="size-4" />
            Usage
          </Link>
          {!apiKey.revoked_at && <EditQuotasDialog apiKey={apiKey} describedBy={nameId} />}
          {!apiKey.revoked_at && (
            <ConfirmDialog
              trigger={
                <Button variant="danger-secondary" size="sm" aria-describedby={nameId}>
                  Revoke
                </Button>
              }
              title={`Revoke “${apiKey.name}”?`}
              description="Requests with this key fail from now on. This cannot be undone."
              confirmLabel="Revoke"
              onConfirm={async () => {
                await revoke.mutateAsync({ id: apiKey.id });
                toast.success(`Revoked “${apiKey.name}”`);
                await queryClient.invalidateQueries(trpc.apiKeys.list.pathFilter());
              }}
            />
          )}
        </div>
      </td>
    </tr>
  );
}

/** A key's use against its quotas, for keys that have any (revoked keys no longer use them). */
function QuotaSummary({ apiKey, quotaUse }: { apiKey: ApiKeyDto; quotaUse: QuotaUse }) {
  if (!isMetered(apiKey)) return <span className="text-stone-500 dark:text-stone-400">—</span>;
  const usage = quotaUse.data?.get(apiKey.id);
  if (quotaUse.isError) return <span className="text-xs text-red-700 dark:text-red-400">Unavailable</span>;
  if (!usage) return <Spinner label="Loading…" />;
  return <QuotaUsageList compact usage={usage} label={`Use of the quotas of ${apiKey.name}`} />;
}
