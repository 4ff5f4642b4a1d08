"use client";
// An assistant in one step from documents: POST /admin/assistants/auto as multipart creates it with
// a vector store holding the files (name and description derived from them unless given), then
// the Knowledge tab shows their ingestion.
import { useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { AutoAssistantResult } from "@/server/schemas/knowledge";
import { errorMessage } from "../../_lib/errors";
import { formatBytes } from "../../_lib/format";
import { useTRPC } from "../../_lib/trpc";
import { postMultipart } from "../../_lib/upload";
import { useUnsavedChanges } from "../../_lib/use-unsaved-changes";
import { DropZone } from "../knowledge/drop-zone";
import { acceptedFileTypesText } from "../knowledge/knowledge-labels";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardSection } from "../ui/card";
import { Field } from "../ui/field";
import { Input } from "../ui/input";

const sameFile = (a: File, b: File) =>
  a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

export function CreateFromFiles() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null;
  useUnsavedChanges(files.length > 0 || name.trim() !== "");

  function add(added: File[]) {
    setError(null);
    setFiles((list) => [...list, ...added.filter((file) => !list.some((kept) => sameFile(kept, file)))]);
  }

  async function create() {
    if (files.length === 0) {
      setError("Add at least one file.");
      return;
    }
    const form = new FormData();
    for (const file of files) form.append("file", file, file.name);
    if (name.trim()) form.append("name", name.trim());
    setError(null);
    setProgress(0);
    try {
      const assistant = await postMultipart<AutoAssistantResult>("/admin/assistants/auto", form, {
        onProgress: ({ loaded, total }) => setProgress(total > 0 ? Math.round((loaded / total) * 100) : 0),
      });
      const { vector_store_id: _store, files: _files, ...dto } = assistant;
      queryClient.setQueryData(trpc.assistants.get.queryKey({ id: dto.id }), dto);
      await queryClient.invalidateQueries(trpc.assistants.list.pathFilter());
      toast.success(`Created ${dto.name}`, {
        description:
          files.length === 1 ? "Its file is being indexed." : `Its ${files.length} files are being indexed.`,
      });
      router.push(`/console/assistants/${encodeURIComponent(dto.id)}/knowledge`);
    } catch (caught) {
      setError(errorMessage(caught));
      setProgress(null);
    }
  }

  return (
    <form
      aria-label="Create from files"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <Card className="divide-y divide-stone-200 dark:divide-stone-800">
        <CardSection
          title="Documents"
          description="The assistant answers from these files. Its name and description come from them unless you give a name."
        >
          <div className="space-y-4">
            {error && <Alert title="Could not create the assistant">{error}</Alert>}
            <DropZone label="Upload files" hint={`${acceptedFileTypesText}.`} onFiles={add} disabled={busy} />
            {files.length > 0 && (
              <ul aria-label="Selected files" className="space-y-1">
                {files.map((file, index) => (
                  <li
                    key={`${file.name}-${file.size}-${file.lastModified}`}
                    className="flex items-center gap-3 rounded-md border border-stone-200 px-3 py-1.5 text-sm dark:border-stone-800"
                  >
                    <span className="min-w-0 flex-1 truncate text-stone-900 dark:text-stone-100">
                      {file.name}
                    </span>
                    <span className="shrink-0 text-xs text-stone-500 tabular-nums">
                      {formatBytes(file.size)}
                    </span>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={busy}
                      onClick={() => setFiles((list) => list.filter((_, at) => at !== index))}
                    >
                      <X aria-hidden className="size-3.5" />
                      <span className="sr-only">Remove {file.name}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <Field
              id="auto-name"
              label="Name"
              hint="Optional: derived from the files when empty."
              className="max-w-md"
            >
              {(c) => (
                <Input
                  {...c}
                  autoComplete="off"
                  maxLength={200}
                  value={name}
                  disabled={busy}
                  onChange={(event) => setName(event.target.value)}
                />
              )}
            </Field>
          </div>
        </CardSection>
        <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-lg bg-stone-50 px-5 py-4 sm:px-6 dark:bg-stone-900/60">
          {busy && (
            <div
              role="progressbar"
              aria-label="Uploading files"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress}
              className="h-1.5 w-40 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-700"
            >
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${progress}%` }} />
            </div>
          )}
          <Button type="submit" pending={busy} disabled={files.length === 0}>
            Create assistant
          </Button>
        </div>
      </Card>
    </form>
  );
}
