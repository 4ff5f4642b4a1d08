"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RefreshCw, Trash2 } from "lucide-react";
import { toast } from "sonner";
import type { FileDto } from "@/server/schemas/knowledge";
import { errorMessage } from "../../_lib/errors";
import { formatBytes } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { Time } from "../sessions/time-cell";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { tdClass } from "../ui/table-styles";
import { FileChunksPreview } from "./file-chunks-preview";
import { FileStatus } from "./file-status";
import { formatLabels } from "./knowledge-labels";

export function FileRow({
  assistantId,
  file,
  canWrite,
}: {
  assistantId: string;
  file: FileDto;
  canWrite: boolean;
}) {
  return (
    <tr>
      <td
        className={`${tdClass} max-w-64 truncate font-medium text-stone-900 dark:text-stone-100`}
        title={file.filename}
      >
        {file.filename}
      </td>
      <td className={tdClass}>{formatLabels[file.format]}</td>
      <td className={`${tdClass} text-right whitespace-nowrap tabular-nums`}>{formatBytes(file.bytes)}</td>
      <td className={tdClass}>
        <FileStatus file={file} />
      </td>
      <td className={`${tdClass} text-right whitespace-nowrap tabular-nums`}>
        <span className="inline-flex items-center gap-2">
          {file.chunk_count}
          <FileChunksPreview assistantId={assistantId} file={file} />
        </span>
      </td>
      <td className={`${tdClass} whitespace-nowrap`}>
        <Time iso={file.created_at} />
      </td>
      {canWrite && (
        <td className={`${tdClass} text-right whitespace-nowrap`}>
          <span className="inline-flex gap-2">
            <ReindexFileButton assistantId={assistantId} file={file} />
            <DeleteFileButton assistantId={assistantId} file={file} />
          </span>
        </td>
      )}
    </tr>
  );
}

function ReindexFileButton({ assistantId, file }: { assistantId: string; file: FileDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reindex = useMutation(trpc.knowledge.reindex.mutationOptions());

  async function run() {
    try {
      // A file may sit in several stores; each holds its own passages of it.
      await Promise.all(
        file.vector_store_ids.map((storeId) =>
          reindex.mutateAsync({ assistantId, storeId, files: { file_ids: [file.id] } }),
        ),
      );
      toast.success(`Re-indexing ${file.filename}`);
    } catch (error) {
      toast.error(`Could not re-index ${file.filename}`, { description: errorMessage(error) });
    } finally {
      await queryClient.invalidateQueries(trpc.knowledge.pathFilter());
    }
  }

  return (
    <Button
      variant="secondary"
      size="sm"
      pending={reindex.isPending}
      disabled={file.status === "in_progress" || file.vector_store_ids.length === 0}
      title={file.vector_store_ids.length === 0 ? "The file is in no vector store" : undefined}
      onClick={() => void run()}
    >
      <RefreshCw aria-hidden className="size-3.5" />
      Re-index<span className="sr-only"> file {file.filename}</span>
    </Button>
  );
}

function DeleteFileButton({ assistantId, file }: { assistantId: string; file: FileDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.knowledge.deleteFile.mutationOptions());
  return (
    <ConfirmDialog
      trigger={
        <Button variant="danger-secondary" size="sm">
          <Trash2 aria-hidden className="size-3.5" />
          Delete<span className="sr-only"> file {file.filename}</span>
        </Button>
      }
      title={`Delete ${file.filename}?`}
      description="The file is removed from every vector store, with all its passages: answers no longer draw on it. This cannot be undone."
      confirmLabel="Delete"
      onConfirm={async () => {
        await remove.mutateAsync({ assistantId, fileId: file.id });
        toast.success(`Deleted ${file.filename}`);
        await queryClient.invalidateQueries(trpc.knowledge.pathFilter());
      }}
    />
  );
}
