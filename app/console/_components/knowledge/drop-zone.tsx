"use client";
import { Upload } from "lucide-react";
import { useRef, useState, type DragEvent, type ReactNode } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { acceptedFileTypes } from "./knowledge-labels";

type DropZoneProps = {
  /** The file input's accessible name. */
  label: string;
  /** What to drop, under the title. */
  hint: ReactNode;
  onFiles: (files: File[]) => void;
  disabled?: boolean;
};

/**
 * Files by drag and drop, or by the "Choose files" button, which opens a real file input. The
 * input stays out of the tab order (the button is the keyboard's way in) but keeps its label, so
 * assistive tech and tests can still reach it.
 */
export function DropZone({ label, hint, onFiles, disabled = false }: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function take(list: FileList | null) {
    const files = list ? [...list] : [];
    if (files.length > 0 && !disabled) onFiles(files);
  }

  function onDragOver(event: DragEvent<HTMLDivElement>) {
    if (disabled || !event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setOver(true);
  }

  function onDragLeave(event: DragEvent<HTMLDivElement>) {
    // Moving between the zone's own children fires dragleave too; only leaving the zone counts.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  }

  return (
    <div
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      className={cn(
        "flex flex-col items-center rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors",
        over
          ? "border-brand-600 bg-brand-50/60 dark:bg-stone-800"
          : "border-stone-300 bg-stone-50/50 dark:border-stone-700 dark:bg-stone-900/40",
        disabled && "opacity-60",
      )}
    >
      <Upload aria-hidden className="mb-2 size-6 text-stone-500 dark:text-stone-400" />
      <p className="text-sm font-medium text-stone-900 dark:text-stone-100">Drop files here</p>
      <p className="mt-1 max-w-md text-xs text-stone-500 dark:text-stone-400">{hint}</p>
      <Button variant="secondary" className="mt-4" disabled={disabled} onClick={() => input.current?.click()}>
        Choose files
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={acceptedFileTypes}
        aria-label={label}
        tabIndex={-1}
        disabled={disabled}
        className="sr-only"
        onChange={(event) => {
          take(event.target.files);
          // Cleared, so choosing the same file again (after fixing it) still fires a change.
          event.target.value = "";
        }}
      />
    </div>
  );
}
