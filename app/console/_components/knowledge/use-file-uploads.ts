"use client";
// Uploads knowledge files one request per file (two at a time), so each file has its own progress
// bar and its own error: one unreadable file does not hold back the others, as it would inside a
// single multipart request.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { FileDto } from "@/server/schemas/knowledge";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import { isAbortError, postMultipart } from "../../_lib/upload";

const PARALLEL = 2;

export type UploadItem = {
  key: string;
  filename: string;
  bytes: number;
  loaded: number;
  state: "waiting" | "uploading" | "done" | "failed";
  error: string | null;
};

async function inPool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function useFileUploads(assistantId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const controller = useRef(new AbortController());
  const counter = useRef(0);

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    return () => current.abort();
  }, []);

  const update = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const uploadOne = useCallback(
    async (file: File, key: string, storeId: string | null): Promise<boolean> => {
      const form = new FormData();
      form.append("file", file, file.name);
      if (storeId) form.append("vector_store_id", storeId);
      update(key, { state: "uploading" });
      try {
        await postMultipart<{ data: FileDto[] }>(
          `/assistants/${encodeURIComponent(assistantId)}/files`,
          form,
          {
            signal: controller.current.signal,
            // The request is a little larger than the file (multipart framing): scale to the file.
            onProgress: ({ loaded, total }) =>
              update(key, { loaded: Math.round((loaded / total) * file.size) }),
          },
        );
        update(key, { state: "done", loaded: file.size });
        return true;
      } catch (error) {
        if (isAbortError(error)) return false;
        update(key, { state: "failed", error: errorMessage(error) });
        return false;
      }
    },
    [assistantId, update],
  );

  const upload = useCallback(
    async (files: File[], storeId: string | null) => {
      const batch = files.map((file) => ({ file, key: `upload-${++counter.current}` }));
      setItems((list) => [
        ...list.filter((item) => item.state !== "done"),
        ...batch.map(({ file, key }) => ({
          key,
          filename: file.name,
          bytes: file.size,
          loaded: 0,
          state: "waiting" as const,
          error: null,
        })),
      ]);
      let uploaded = 0;
      await inPool(batch, PARALLEL, async ({ file, key }) => {
        if (await uploadOne(file, key, storeId)) uploaded += 1;
      });
      if (controller.current.signal.aborted) return;
      const failed = batch.length - uploaded;
      if (uploaded > 0) {
        toast.success(`Uploaded ${uploaded} file${uploaded === 1 ? "" : "s"}`, {
          description: "Parsing and indexing continue in the background.",
        });
        // Finished bars make way for the files table, which now lists these files.
        const done = new Set(batch.map(({ key }) => key));
        setItems((list) => list.filter((item) => !(done.has(item.key) && item.state === "done")));
      }
      if (failed > 0) toast.error(`${failed} file${failed === 1 ? "" : "s"} could not be uploaded`);
      await queryClient.invalidateQueries(trpc.knowledge.pathFilter());
    },
    [uploadOne, queryClient, trpc],
  );

  const dismiss = useCallback((key: string) => {
    setItems((list) => list.filter((item) => item.key !== key));
  }, []);

  const busy = items.some((item) => item.state === "waiting" || item.state === "uploading");
  return { items, busy, upload, dismiss };
}
