import { listFilesEndpoint, uploadFilesEndpoint } from "@/server/http/endpoints/knowledge";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { listFiles } from "@/server/services/knowledge/files/list-files";
import { uploadFiles } from "@/server/services/knowledge/files/upload-files";

export const GET = handle(listFilesEndpoint, ({ actor, params, query }) =>
  listFiles(actor, params.assistant_id, query),
);

export const POST = handle(uploadFilesEndpoint, async ({ actor, params, upload }) => ({
  object: "list" as const,
  data: await uploadFiles(actor, params.assistant_id, upload!),
}));

export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly(GET, POST);
