// A fetch for OpenAI clients (the official SDK, the AI SDK, LangChain) that hands each request to
// the route handler Next would call for its path, in-process: what an application using those
// clients sees, without a server.
import * as completionsRoute from "@/app/v1/chat/completions/route";
import * as embeddingsRoute from "@/app/v1/embeddings/route";
import * as modelsRoute from "@/app/v1/models/route";
import type { RouteContext } from "@/server/http/handle";

type Handler = (request: Request, context: RouteContext) => Promise<Response>;

const routes: Record<string, Record<string, Handler>> = {
  "/v1/models": { GET: modelsRoute.GET },
  "/v1/chat/completions": { POST: completionsRoute.POST },
  "/v1/embeddings": { POST: embeddingsRoute.POST },
};

/** The base URL the clients are given; only its path matters. */
export const OPENAI_BASE_URL = "http://hearth.test/v1";

export const routeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  const handler = routes[new URL(request.url).pathname]?.[request.method];
  if (!handler) return Response.json({ error: { message: "no such route" } }, { status: 404 });
  return handler(request, { params: Promise.resolve({}) });
}) as typeof fetch;
