"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Database, RefreshCw, Trash2 } from "lucide-react";
import { toast } from "sonner";
import type { VectorStoreDto } from "@/server/schemas/knowledge";
import { formatBytes } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { TableHead } from "../ui/data-table";
import { EmptyState } from "../ui/empty-state";
import { QueryState } from "../ui/query-state";
import { footerClass, tbodyClass, tdClass } from "../ui/table-styles";
import { storeStatusBadge } from "./knowledge-labels";
import { useVectorStores } from "./use-vector-stores";

/** The assistant's vector stores, with their counts, size and embedding model. */
export function VectorStoresTable({ assistantId, canWrite }: { assistantId: string; canWrite: boolean }) {
  const stores = useVectorStores(assistantId);
  return (
    <QueryState
      query={stores}
      loading="Loading vector stores…"
      isEmpty={(list) => list.data.length === 0}
      empty={
        <EmptyState
          icon={Database}
          title="No vector stores yet"
          description="The default store is created with the first upload. Create more to keep sets of documents apart."
        />
      }
    >
      {(list) => (
        <StoresList assistantId={assistantId} stores={list.data} total={list.total} canWrite={canWrite} />
      )}
    </QueryState>
  );
}

function StoresList({
  assistantId,
  stores,
  total,
  canWrite,
}: {
  assistantId: string;
  stores: VectorStoreDto[];
  total: number;
  canWrite: boolean;
}) {
  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Vector stores</caption>
          <TableHead
            columns={[
              { label: "Name" },
              { label: "Status" },
              { label: "Files" },
              { label: "Usage", className: "text-right" },
              { label: "Embedding" },
              ...(canWrite ? [{ label: "Actions", srOnly: true }] : []),
            ]}
          />
          <tbody className={tbodyClass}>
            {stores.map((store) => (
              <StoreRow key={store.id} assistantId={assistantId} store={store} canWrite={canWrite} />
            ))}
          </tbody>
        </table>
      </div>
      {total > stores.length && (
        <p className={footerClass}>
          Showing {stores.length} of {total} vector stores
        </p>
      )}
    </>
  );
}

function FileCounts({ counts }: { counts: VectorStoreDto["file_counts"] }) {
  const extra: string[] = [];
  if (counts.in_progress > 0) extra.push(`${counts.in_progress} in progress`);
  if (counts.failed > 0) extra.push(`${counts.failed} failed`);
  if (counts.cancelled > 0) extra.push(`${counts.cancelled} cancelled`);
  return (
    <span className="flex flex-col">
      <span className="tabular-nums">
        {counts.completed} of {counts.total} ready
      </span>
      {extra.length > 0 && (
        <span className="text-xs text-stone-500 dark:text-stone-400">{extra.join(" · ")}</span>
      )}
    </span>
  );
}

function StoreRow({
  assistantId,
  store,
  canWrite,
}: {
  assistantId: string;
  store: VectorStoreDto;
  canWrite: boolean;
}) {
  const [statusLabel, statusTone] = storeStatusBadge[store.status];
  const { embedding } = store;
  return (
    <tr>
      <td className={tdClass}>
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-stone-900 dark:text-stone-100">{store.name}</span>
          {store.is_default && <Badge tone="brand">Default</Badge>}
        </span>
        <code className="font-mono text-xs text-stone-500 dark:text-stone-400">{store.id}</code>
      </td>
      <td className={tdClass}>
        <Badge tone={statusTone}>{statusLabel}</Badge>
      </td>
      <td className={`${tdClass} whitespace-nowrap`}>
        <FileCounts counts={store.file_counts} />
      </td>
      <td className={`${tdClass} text-right whitespace-nowrap tabular-nums`}>
        {formatBytes(store.usage_bytes)}
      </td>
      <td
        className={tdClass}
        title={`${embedding.provider} · ${embedding.model} · ${embedding.dimension} dimensions`}
      >
        <span className="block max-w-56 truncate">{embedding.model}</span>
        <span className="text-xs text-stone-500 dark:text-stone-400">
          {embedding.provider} · {embedding.dimension} dims
        </span>
      </td>
      {canWrite && (
        <td className={`${tdClass} text-right whitespace-nowrap`}>
          <span className="inline-flex gap-2">
            <ReindexStoreButton assistantId={assistantId} store={store} />
            <DeleteStoreButton assistantId={assistantId} store={store} />
          </span>
        </td>
      )}
    </tr>
  );
}

function ReindexStoreButton({ assistantId, store }: { assistantId: string; store: VectorStoreDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reindex = useMutation(trpc.knowledge.reindex.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" size="sm" disabled={store.file_counts.total === 0}>
          <RefreshCw aria-hidden className="size-3.5" />
          Re-index<span className="sr-only"> store {store.name}</span>
        </Button>
      }
      title={`Re-index ${store.name}?`}
      description="Every file of the store is parsed, chunked and embedded again with the current settings. Until that finishes, answers find fewer passages in it."
      confirmLabel="Re-index"
      onConfirm={async () => {
        try {
          await reindex.mutateAsync({ assistantId, storeId: store.id, files: {} });
        } finally {
          await queryClient.invalidateQueries(trpc.knowledge.pathFilter());
        }
        toast.success(`Re-indexing ${store.name}`);
      }}
    />
  );
}

function DeleteStoreButton({ assistantId, store }: { assistantId: string; store: VectorStoreDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.knowledge.deleteStore.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-secondary" size="sm">
          <Trash2 aria-hidden className="size-3.5" />
          Delete<span className="sr-only"> store {store.name}</span>
        </Button>
      }
      title={`Delete ${store.name}?`}
      description={
        store.is_default
          ? "This is the default store: its passages are deleted, and the next upload without a store creates a new, empty default. The files stay with the assistant."
          : "Its passages are deleted; the files stay with the assistant. Answers no longer draw on this store."
      }
      confirmLabel="Delete"
      onConfirm={async () => {
        await remove.mutateAsync({ assistantId, storeId: store.id });
        toast.success(`Deleted ${store.name}`);
        await queryClient.invalidateQueries(trpc.knowledge.pathFilter());
      }}
    />
  );
}
