"use client";
// A stored file's chunks as the index holds them (tRPC knowledge.fileChunks), in a dialog: what
// retrieval searches, to check that a document was read as intended.
import { useQuery } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { useRef, useState } from "react";
import type { FileDto } from "@/server/schemas/knowledge";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { Spinner } from "../ui/spinner";
import { ChunkList } from "./chunk-list";

export function FileChunksPreview({ assistantId, file }: { assistantId: string; file: FileDto }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={trigger}
        variant="ghost"
        size="sm"
        disabled={file.status !== "completed"}
        onClick={() => setOpen(true)}
      >
        <Eye aria-hidden className="size-3.5" />
        Preview<span className="sr-only"> chunks of {file.filename}</span>
      </Button>
      <Modal open={open} onOpenChange={setOpen} title={`Chunks of ${file.filename}`} finalFocus={trigger}>
        {open && <Chunks assistantId={assistantId} file={file} />}
      </Modal>
    </>
  );
}

function Chunks({ assistantId, file }: { assistantId: string; file: FileDto }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.knowledge.fileChunks.queryOptions({ assistantId, fileId: file.id }));
  if (query.isPending) return <Spinner label="Loading the chunks…" />;
  if (query.isError) return <Alert title="Could not load the chunks">{errorMessage(query.error)}</Alert>;
  const { chunks, chunk_count: count } = query.data;
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-500 dark:text-stone-400">
        {chunks.length < count ? `The first ${chunks.length} of ${count} chunks.` : `${count} chunks.`}
      </p>
      <ChunkList chunks={chunks} label={`Chunks of ${file.filename}`} />
    </div>
  );
}
