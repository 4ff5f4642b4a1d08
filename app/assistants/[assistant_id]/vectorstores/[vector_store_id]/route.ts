import {
  deleteVectorStoreEndpoint,
  getVectorStoreEndpoint,
  updateVectorStoreEndpoint,
} from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { deleteVectorStore } from "@/server/services/knowledge/vector-stores/delete-vector-store";
import { getVectorStore } from "@/server/services/knowledge/vector-stores/get-vector-store";
import { updateVectorStore } from "@/server/services/knowledge/vector-stores/update-vector-store";

export const GET = handle(getVectorStoreEndpoint, ({ actor, params }) =>
  getVectorStore(actor, params.assistant_id, params.vector_store_id),
);

export const POST = handle(updateVectorStoreEndpoint, ({ actor, params, body }) =>
  updateVectorStore(actor, params.assistant_id, params.vector_store_id, body),
);

export const DELETE = handle(deleteVectorStoreEndpoint, ({ actor, params }) =>
  deleteVectorStore(actor, params.assistant_id, params.vector_store_id),
);

export const { PUT, PATCH, OPTIONS } = allowOnly(GET, POST, DELETE);
