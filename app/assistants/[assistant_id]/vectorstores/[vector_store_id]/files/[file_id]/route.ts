import { removeVectorStoreFileEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { removeVectorStoreFile } from "@/server/services/knowledge/vector-stores/remove-vector-store-file";

export const DELETE = handle(removeVectorStoreFileEndpoint, ({ actor, params }) =>
  removeVectorStoreFile(actor, params.assistant_id, params.vector_store_id, params.file_id),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = allowOnly(DELETE);
