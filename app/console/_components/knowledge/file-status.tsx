import type { FileDto } from "@/server/schemas/knowledge";
import { Badge } from "../ui/badge";
import { fileStatusBadge } from "./knowledge-labels";

/** A file's ingestion status; for a failed file, the reason under the badge. */
export function FileStatus({ file }: { file: FileDto }) {
  const [label, tone] = fileStatusBadge(file);
  return (
    <span className="inline-flex max-w-72 flex-col items-start gap-1">
      <Badge tone={tone}>{label}</Badge>
      {file.status === "failed" && file.error && (
        <span className="text-xs break-words text-red-700 dark:text-red-400">{file.error.message}</span>
      )}
    </span>
  );
}
