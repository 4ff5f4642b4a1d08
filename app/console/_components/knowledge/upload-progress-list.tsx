import { CircleAlert, X } from "lucide-react";
import { formatBytes } from "../../_lib/format";
import type { UploadItem } from "./use-file-uploads";

/** One line per file being uploaded: a progress bar, or why the server refused the file. */
export function UploadProgressList({
  items,
  onDismiss,
}: {
  items: UploadItem[];
  onDismiss: (key: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <ul aria-label="Uploads" className="space-y-2">
      {items.map((item) => (
        <li
          key={item.key}
          className="rounded-md border border-stone-200 px-3 py-2 text-sm dark:border-stone-800"
        >
          {item.state === "failed" ? (
            <FailedUpload item={item} onDismiss={onDismiss} />
          ) : (
            <UploadBar item={item} />
          )}
        </li>
      ))}
    </ul>
  );
}

function UploadBar({ item }: { item: UploadItem }) {
  const percent =
    item.bytes > 0 ? Math.round((item.loaded / item.bytes) * 100) : item.state === "done" ? 100 : 0;
  const status = item.state === "waiting" ? "Waiting" : item.state === "done" ? "Uploaded" : `${percent}%`;
  return (
    <>
      <div className="flex items-center justify-between gap-3">
        <span
          className="min-w-0 truncate font-medium text-stone-900 dark:text-stone-100"
          title={item.filename}
        >
          {item.filename}
        </span>
        <span className="shrink-0 text-xs text-stone-500 tabular-nums dark:text-stone-400">
          {formatBytes(item.bytes)} · {status}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`Uploading ${item.filename}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-700"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </div>
    </>
  );
}

function FailedUpload({ item, onDismiss }: { item: UploadItem; onDismiss: (key: string) => void }) {
  return (
    <div className="flex items-start gap-2 text-red-800 dark:text-red-300">
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div role="alert" className="min-w-0 flex-1">
        <p className="truncate font-medium" title={item.filename}>
          {item.filename} was not uploaded
        </p>
        <p className="break-words">{item.error}</p>
      </div>
      <button
        type="button"
        onClick={() => onDismiss(item.key)}
        className="-m-1 shrink-0 rounded p-1 text-stone-500 hover:bg-stone-100 hover:text-stone-800 focus-visible:outline-2 focus-visible:outline-brand-600 dark:hover:bg-stone-800"
      >
        <X aria-hidden className="size-4" />
        <span className="sr-only">Dismiss the error for {item.filename}</span>
      </button>
    </div>
  );
}
