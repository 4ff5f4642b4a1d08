"use client";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { FileText } from "lucide-react";
import type { FileDto } from "@/server/schemas/knowledge";
import { useTRPC, useTRPCClient } from "../../_lib/trpc";
import { ListFooter, TableHead } from "../ui/data-table";
import { EmptyState } from "../ui/empty-state";
import { QueryState } from "../ui/query-state";
import { tbodyClass } from "../ui/table-styles";
import { FileRow } from "./file-row";

const PAGE_SIZE = 25;
const POLL_MS = 1500;

const inProgress = (pages: { data: FileDto[] }[] | undefined) =>
  pages?.some((page) => page.data.some((file) => file.status === "in_progress")) ?? false;

/** The assistant's files, newest first; polled while any of them is being ingested. */
export function FilesTable({ assistantId, canWrite }: { assistantId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const query = { limit: PAGE_SIZE };
  // Manual paging under the procedure's path (as in sessions-table.tsx), so that invalidating
  // `knowledge` refreshes it.
  const list = useInfiniteQuery({
    queryKey: [...trpc.knowledge.files.pathKey(), "infinite", { assistantId, query }],
    queryFn: ({ pageParam, signal }) =>
      client.knowledge.files.query(
        { assistantId, query: { ...query, cursor: pageParam ?? undefined } },
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    placeholderData: keepPreviousData,
    refetchInterval: (current) => (inProgress(current.state.data?.pages) ? POLL_MS : false),
  });
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <QueryState
      query={list}
      loading="Loading files…"
      isEmpty={() => rows.length === 0}
      empty={
        <EmptyState
          icon={FileText}
          title="No files yet"
          description={
            canWrite
              ? "Upload documents above: the assistant answers from them, citing the passages it used."
              : "Once an operator uploads documents, the assistant answers from them."
          }
        />
      }
    >
      {() => (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Files</caption>
              <TableHead
                columns={[
                  { label: "File" },
                  { label: "Format" },
                  { label: "Size", className: "text-right" },
                  { label: "Status" },
                  { label: "Chunks", className: "text-right" },
                  { label: "Uploaded" },
                  ...(canWrite ? [{ label: "Actions", srOnly: true }] : []),
                ]}
              />
              <tbody className={tbodyClass}>
                {rows.map((file) => (
                  <FileRow key={file.id} assistantId={assistantId} file={file} canWrite={canWrite} />
                ))}
              </tbody>
            </table>
          </div>
          <ListFooter shown={rows.length} total={total} noun="file" list={list} />
        </>
      )}
    </QueryState>
  );
}
