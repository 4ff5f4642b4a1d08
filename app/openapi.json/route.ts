import { allowOnly } from "@/server/http/method-not-allowed";
import { getOpenApiDocument } from "@/server/openapi/document";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(getOpenApiDocument());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET");
