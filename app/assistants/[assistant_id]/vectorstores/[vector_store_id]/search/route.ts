import { searchVectorStoreEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { searchVectorStore } from "@/server/services/knowledge/vector-stores/search-vector-store";

export const POST = handle(searchVectorStoreEndpoint, ({ actor, params, body }) =>
  searchVectorStore(actor, params.assistant_id, params.vector_store_id, body),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
