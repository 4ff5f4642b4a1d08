import { reindexVectorStoreEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { reindexVectorStore } from "@/server/services/knowledge/vector-stores/reindex-vector-store";

export const POST = handle(reindexVectorStoreEndpoint, ({ actor, params, body }) =>
  reindexVectorStore(actor, params.assistant_id, params.vector_store_id, body),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
