// A fetch for OpenAI clients (the official SDK, the AI SDK, LangChain) that hands each request to
// the route handler Next would call for its path, in-process: what an application using those
// clients sees, without a server.
import * as completionsRoute from "@/app/v1/chat/completions/route";
import * as embeddingsRoute from "@/app/v1/embeddings/route";
import * as modelsRoute from "@/app/v1/models/route";
import * as responseRoute from "@/app/v1/responses/[response_id]/route";
import * as responsesRoute from "@/app/v1/responses/route";
import type { RouteContext } from "@/server/http/handle";

type Handler = (request: Request, context: RouteContext) => Promise<Response>;

/** By the route's path as Next names its folders: `[name]` is a path parameter. */
const routes: Record<string, Record<string, Handler>> = {
  "/v1/models": { GET: modelsRoute.GET },
  "/v1/chat/completions": { POST: completionsRoute.POST },
  "/v1/embeddings": { POST: embeddingsRoute.POST },
  "/v1/responses": { POST: responsesRoute.POST },
  "/v1/responses/[response_id]": { GET: responseRoute.GET },
};

/** The route serving a path, with its parameters. */
function routeOf(
  pathname: string,
): { methods: Record<string, Handler>; params: Record<string, string> } | null {
  const segments = pathname.split("/");
  for (const [route, methods] of Object.entries(routes)) {
    const pattern = route.split("/");
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const name = /^\[(\w+)\]$/.exec(part)?.[1];
      if (name) params[name] = decodeURIComponent(segments[index]!);
      return name !== undefined || part === segments[index];
    });
    if (matches) return { methods, params };
  }
  return null;
}

/** The base URL the clients are given; only its path matters. */
export const OPENAI_BASE_URL = "http://hearth.test/v1";

export const routeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  const route = routeOf(new URL(request.url).pathname);
  const handler = route?.methods[request.method];
  if (!route || !handler) return Response.json({ error: { message: "no such route" } }, { status: 404 });
  return handler(request, { params: Promise.resolve(route.params) });
}) as typeof fetch;
