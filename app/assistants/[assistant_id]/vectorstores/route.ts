import { createVectorStoreEndpoint, listVectorStoresEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createVectorStore } from "@/server/services/knowledge/vector-stores/create-vector-store";
import { listVectorStores } from "@/server/services/knowledge/vector-stores/list-vector-stores";

export const GET = handle(listVectorStoresEndpoint, ({ actor, params, query }) =>
  listVectorStores(actor, params.assistant_id, query),
);

export const POST = handle(createVectorStoreEndpoint, ({ actor, params, body }) =>
  createVectorStore(actor, params.assistant_id, body),
);

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
