import { embeddingsEndpoint } from "@/server/http/endpoints/openai";
import { handle } from "@/server/http/handle";
import { allowOnly } from "@/server/http/method-not-allowed";
import { createEmbeddings } from "@/server/services/openai-facade/create-embeddings";

export const dynamic = "force-dynamic";

export const POST = handle(embeddingsEndpoint, ({ actor, body, request }) =>
  createEmbeddings(actor, body, request.signal),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = allowOnly(POST);
