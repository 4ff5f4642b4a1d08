import type { Metadata } from "next";
import { filtersFromParams } from "../../_components/conversations/conversation-search-query";
import { ConversationSearchView } from "../../_components/conversations/conversation-search-view";
import { firstParam, type SearchParams } from "../../../_lib/route-params";

export const metadata: Metadata = { title: "Conversations" };

export default async function ConversationsPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const params = Object.fromEntries(
    ["q", "assistant", "channel", "role", "feedback"].map((key) => [key, firstParam(query[key])]),
  );
  return <ConversationSearchView initialFilters={filtersFromParams(params)} />;
}
