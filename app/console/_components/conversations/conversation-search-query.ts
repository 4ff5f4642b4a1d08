// The conversation search page's filters as chosen, and what they become: the search's query
// (tRPC) and the page's own address, so a reload or a shared link shows the same search.
import type { Channel } from "@/server/schemas/chat";
import type { SearchConversationsQueryInput } from "@/server/schemas/conversation-search";
import { SEARCH_QUERY_MAX } from "@/server/schemas/conversation-search";
import { channelOrEmpty } from "../sessions/session-labels";

export type RoleFilter = "" | "user" | "assistant";
export type RatingFilter = "" | "up" | "down";

export interface SearchFilterValues {
  q: string;
  assistant: string;
  channel: Channel | "";
  role: RoleFilter;
  feedback: RatingFilter;
}

export const emptySearchFilters: SearchFilterValues = {
  q: "",
  assistant: "",
  channel: "",
  role: "",
  feedback: "",
};

export const roleOptions: Array<{ value: RoleFilter; label: string }> = [
  { value: "", label: "Questions and answers" },
  { value: "user", label: "Questions" },
  { value: "assistant", label: "Answers" },
];

export const feedbackOptions: Array<{ value: RatingFilter; label: string }> = [
  { value: "", label: "Any rating or none" },
  { value: "up", label: "Rated helpful" },
  { value: "down", label: "Rated unhelpful" },
];

const oneOf = <T extends string>(options: Array<{ value: T }>, value: string): T =>
  options.find((option) => option.value === value)?.value ?? options[0]!.value;

/** The filters from the page's address (anything unknown falls back to "all"). */
export function filtersFromParams(params: Record<string, string>): SearchFilterValues {
  return {
    q: (params.q ?? "").slice(0, SEARCH_QUERY_MAX),
    assistant: params.assistant ?? "",
    channel: channelOrEmpty(params.channel ?? ""),
    role: oneOf(roleOptions, params.role ?? ""),
    feedback: oneOf(feedbackOptions, params.feedback ?? ""),
  };
}

/** The page's query string for these filters ("" when nothing is chosen). */
export function pageSearch(values: SearchFilterValues): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(values) as Array<keyof SearchFilterValues>) {
    const text = values[key].trim();
    if (text) params.set(key, text);
  }
  return params.toString();
}

/** The search to run, or null while there are no words to look for. */
export function toSearchQuery(
  values: SearchFilterValues,
): Omit<SearchConversationsQueryInput, "limit" | "cursor"> | null {
  const q = values.q.trim();
  if (!q) return null;
  return {
    q,
    ...(values.assistant ? { assistant_id: values.assistant } : {}),
    ...(values.channel ? { channel: values.channel } : {}),
    ...(values.role ? { role: values.role } : {}),
    ...(values.feedback ? { feedback: values.feedback } : {}),
  };
}

/** The snippet cut at its marks: the pieces to draw, each marked or not. */
export function snippetPieces(
  snippet: string,
  highlights: ReadonlyArray<{ start: number; end: number }>,
): Array<{ text: string; marked: boolean }> {
  const pieces: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const { start, end } of [...highlights].sort((a, b) => a.start - b.start)) {
    if (start < at || end <= start) continue;
    if (start > at) pieces.push({ text: snippet.slice(at, start), marked: false });
    pieces.push({ text: snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.length) pieces.push({ text: snippet.slice(at), marked: false });
  return pieces;
}
