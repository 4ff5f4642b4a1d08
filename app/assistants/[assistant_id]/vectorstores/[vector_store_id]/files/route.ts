import { addVectorStoreFileEndpoint, listVectorStoreFilesEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { addVectorStoreFile } from "@/server/services/knowledge/vector-stores/add-vector-store-file";
import { listVectorStoreFiles } from "@/server/services/knowledge/vector-stores/list-vector-store-files";

export const GET = handle(listVectorStoreFilesEndpoint, ({ actor, params, query }) =>
  listVectorStoreFiles(actor, params.assistant_id, params.vector_store_id, query),
);

export const POST = handle(addVectorStoreFileEndpoint, ({ actor, params, body }) =>
  addVectorStoreFile(actor, params.assistant_id, params.vector_store_id, body),
);

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
