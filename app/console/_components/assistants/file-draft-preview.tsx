// One file of a draft (POST /admin/assistants/auto/draft) as ingestion will read it: its title and
// where that came from, its headings, the start of its extracted text and its first chunks.
import type { DraftFile } from "@/server/schemas/assistant-draft";
import { ChunkList } from "../knowledge/chunk-list";
import { Badge } from "../ui/badge";

const titleSources: Record<DraftFile["title_source"], string> = {
  document: "the document's title",
  heading: "its first heading",
  filename: "the file name",
};

export function FileDraftPreview({ file }: { file: DraftFile }) {
  const more = file.chunk_count - file.chunks.length;
  return (
    <article
      aria-label={`Preview of ${file.filename}`}
      className="space-y-3 rounded-md border border-stone-200 p-4 dark:border-stone-800"
    >
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="text-sm font-semibold text-stone-900 dark:text-stone-100">{file.title}</h3>
        <span className="text-xs text-stone-500 dark:text-stone-400">
          {file.filename} · title from {titleSources[file.title_source]}
        </span>
        <Badge>
          {file.chunk_count} {file.chunk_count === 1 ? "chunk" : "chunks"}
        </Badge>
      </header>
      {file.headings.length > 0 && (
        <p className="text-xs text-stone-500 dark:text-stone-400">
          Headings: {file.headings.map((path) => path.split(" > ").at(-1)).join(" · ")}
        </p>
      )}
      <details className="group">
        <summary className="cursor-pointer text-sm font-medium text-stone-700 dark:text-stone-300">
          Extracted text ({file.characters.toLocaleString()} characters)
        </summary>
        <pre className="mt-2 max-h-64 overflow-y-auto rounded-md bg-stone-50 p-3 font-sans text-sm break-words whitespace-pre-wrap text-stone-800 dark:bg-stone-950 dark:text-stone-200">
          {file.text}
          {file.text_truncated && "\n…"}
        </pre>
        {file.text_truncated && (
          <p className="mt-1 text-xs text-stone-500 dark:text-stone-400">
            Only the start of the text is shown.
          </p>
        )}
      </details>
      <details open className="group">
        <summary className="cursor-pointer text-sm font-medium text-stone-700 dark:text-stone-300">
          {more > 0 ? `First ${file.chunks.length} of ${file.chunk_count} chunks` : "Chunks"}
        </summary>
        <div className="mt-2">
          <ChunkList chunks={file.chunks} label={`Chunks of ${file.filename}`} />
        </div>
      </details>
    </article>
  );
}
