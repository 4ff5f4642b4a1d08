import { searchConversationsEndpoint } from "@/server/http/endpoints/conversations";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { searchConversations } from "@/server/services/sessions/search-conversations";

export const GET = handle(searchConversationsEndpoint, ({ actor, query }) =>
  searchConversations(actor, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
