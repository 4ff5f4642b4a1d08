import { deleteFileEndpoint, getFileEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { deleteFile } from "@/server/services/knowledge/files/delete-file";
import { getFile } from "@/server/services/knowledge/files/get-file";

export const GET = handle(getFileEndpoint, ({ actor, params }) =>
  getFile(actor, params.assistant_id, params.file_id),
);

export const DELETE = handle(deleteFileEndpoint, ({ actor, params }) =>
  deleteFile(actor, params.assistant_id, params.file_id),
);

export const { POST, PUT, PATCH, OPTIONS } = allowOnly(GET, DELETE);
