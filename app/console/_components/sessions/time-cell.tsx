import { formatDateTime } from "../../_lib/format";

export function Time({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-stone-400">—</span>;
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}
