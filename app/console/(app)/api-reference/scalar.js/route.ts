import { allowOnly } from "@/server/http/method-not-allowed";
import { getScalarBundle } from "../scalar-bundle";

export async function GET(request: Request) {
  const { body, hash } = await getScalarBundle();
  const etag = `"${hash}"`;
  const versioned = new URL(request.url).searchParams.get("v") === hash;
  const headers = {
    "Content-Type": "text/javascript; charset=utf-8",
    ETag: etag,
    "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET");
