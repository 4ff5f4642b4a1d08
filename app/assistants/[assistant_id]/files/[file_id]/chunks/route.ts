import { listFileChunksEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { listFileChunks } from "@/server/services/knowledge/files/list-file-chunks";

export const GET = handle(listFileChunksEndpoint, ({ actor, params, query }) =>
  listFileChunks(actor, params.assistant_id, params.file_id, query),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET);
