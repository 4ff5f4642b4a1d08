// Chunks as ingestion cuts them (a draft's preview before creation, a stored file's after):
// position, heading path, token count and text, so a person sees what retrieval will find.
export type ChunkView = {
  index: number;
  text: string;
  token_count: number | null;
  heading: string | null;
  page: number | null;
};

export function ChunkList({ chunks, label }: { chunks: readonly ChunkView[]; label: string }) {
  return (
    <ol aria-label={label} className="space-y-2">
      {chunks.map((chunk) => (
        <li
          key={chunk.index}
          className="rounded-md border border-stone-200 bg-stone-50 p-3 dark:border-stone-800 dark:bg-stone-950"
        >
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-stone-500 dark:text-stone-400">
            <span className="font-medium text-stone-700 dark:text-stone-300">Chunk {chunk.index + 1}</span>
            {chunk.heading && <span className="min-w-0 break-words">{chunk.heading}</span>}
            {chunk.page !== null && <span>Page {chunk.page}</span>}
            {chunk.token_count !== null && <span className="tabular-nums">{chunk.token_count} tokens</span>}
          </p>
          <p className="mt-1.5 max-h-40 overflow-y-auto text-sm break-words whitespace-pre-wrap text-stone-800 dark:text-stone-200">
            {chunk.text}
          </p>
        </li>
      ))}
    </ol>
  );
}
